import * as tf from '@tensorflow/tfjs-core';
import { constantInts, dequantize, ohwiToHwio } from './dequantize';
import { parseTflite, TfliteFormatError, type ParsedModel, type ParsedOperator, type ParsedTensor } from './parse';
import { Activation, BuiltinOperator, Padding } from './schema';

/** The model uses an operator (or option) this loader does not implement. */
export class UnsupportedOpError extends Error {
  override name = 'UnsupportedOpError';
}

export interface TfliteLoadOptions {
  /** Name of the tensor to return instead of the graph output (e.g. the global-pool embedding). */
  tapTensorName?: string;
}

/** One operator rebuilt with TF.js: reads its input tensors from `values`, returns its output. */
type Step = { op: ParsedOperator; run: (values: Map<number, tf.Tensor>) => tf.Tensor };

type Fusable = 'linear' | 'relu' | 'relu6';

/**
 * A TFLite graph rebuilt from TF.js ops with dequantised float weights; activations run in float32
 * (QUANTIZE/DEQUANTIZE are identities). Weights are created once; `predict` runs in `tf.tidy`;
 * `dispose()` releases every weight. Dimension 0 is treated as the batch.
 */
export class TfliteGraphModel {
  private disposed = false;

  private constructor(
    /** Declared input shape, e.g. [1, 224, 224, 3]. */
    readonly inputShape: readonly number[],
    /** Declared output shape of the returned tensor (batch dimension as in the file). */
    readonly outputShape: readonly number[],
    private readonly inputIndex: number,
    private readonly outputIndex: number,
    private readonly steps: Step[],
    private readonly weights: tf.Tensor[],
    /** For each step, activations read for the last time by it (freed right after, to bound memory). */
    private readonly lastUses: number[][],
  ) {}

  /** Parses, dequantises and builds; throws TfliteFormatError / UnsupportedOpError with the op named. */
  static fromBytes(bytes: Uint8Array, options: TfliteLoadOptions = {}): TfliteGraphModel {
    return TfliteGraphModel.fromParsed(parseTflite(bytes), options);
  }

  static fromParsed(model: ParsedModel, options: TfliteLoadOptions = {}): TfliteGraphModel {
    if (model.inputs.length !== 1) throw new UnsupportedOpError(`Expected one graph input, found ${model.inputs.length}.`);
    const inputIndex = model.inputs[0]!;
    let outputIndex = model.outputs[0]!;
    if (options.tapTensorName !== undefined) {
      const t = model.tensors.find((x) => x.name === options.tapTensorName);
      if (!t) throw new TfliteFormatError(`No tensor named ${JSON.stringify(options.tapTensorName)} in the model.`);
      outputIndex = t.index;
    }
    const needed = neededOperators(model, outputIndex);
    const weights: tf.Tensor[] = [];
    try {
      const steps = needed.map((op) => buildStep(model, op, weights));
      const lastStep = new Map<number, number>();
      steps.forEach((s, k) => s.op.inputs.forEach((i) => lastStep.set(i, k)));
      const lastUses = steps.map(() => [] as number[]);
      for (const [t, k] of lastStep) {
        if (t !== inputIndex && t !== outputIndex && !model.tensors[t]?.data) lastUses[k]!.push(t);
      }
      return new TfliteGraphModel(
        model.tensors[inputIndex]!.shape,
        model.tensors[outputIndex]!.shape,
        inputIndex,
        outputIndex,
        steps,
        weights,
        lastUses,
      );
    } catch (err) {
      for (const w of weights) w.dispose();
      throw err;
    }
  }

  /** Runs the graph on a float input [batch, ...inputShape.slice(1)]; the caller owns the result. */
  predict(input: tf.Tensor): tf.Tensor {
    if (this.disposed) throw new Error('TfliteGraphModel used after dispose().');
    const want = this.inputShape.slice(1);
    const got = input.shape.slice(1);
    if (got.length !== want.length || got.some((d, i) => d !== want[i])) {
      throw new Error(`Model input must be [batch, ${want.join(', ')}], got [${input.shape.join(', ')}].`);
    }
    return tf.tidy(() => {
      const values = new Map<number, tf.Tensor>([[this.inputIndex, tf.cast(input, "float32")]]);
      this.steps.forEach((step, k) => {
        values.set(step.op.outputs[0]!, step.run(values));
        for (const t of this.lastUses[k]!) {
          values.get(t)?.dispose();
          values.delete(t);
        }
      });
      return values.get(this.outputIndex)!;
    });
  }

  /** Number of weight tensors held (for leak checks). */
  get weightCount(): number {
    return this.weights.length;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const w of this.weights) w.dispose();
    this.weights.length = 0;
  }
}

/** Operators needed to compute `target`, in file order (TFLite stores them topologically sorted). */
function neededOperators(model: ParsedModel, target: number): ParsedOperator[] {
  const producer = new Map<number, ParsedOperator>();
  for (const op of model.operators) for (const o of op.outputs) producer.set(o, op);
  const want = new Set<number>();
  const stack = [target];
  while (stack.length) {
    const t = stack.pop()!;
    const op = producer.get(t);
    if (!op || want.has(op.index)) continue;
    want.add(op.index);
    stack.push(...op.inputs.filter((i) => i >= 0));
  }
  if (target !== model.inputs[0] && want.size === 0) {
    throw new TfliteFormatError(`Tensor ${target} is not produced by any operator.`);
  }
  return model.operators.filter((op) => want.has(op.index));
}

function fusable(op: ParsedOperator, activation: number): { fused: Fusable; after: (x: tf.Tensor) => tf.Tensor } {
  switch (activation) {
    case Activation.NONE:
      return { fused: 'linear', after: (x) => x };
    case Activation.RELU:
      return { fused: 'relu', after: (x) => x };
    case Activation.RELU6:
      return { fused: 'relu6', after: (x) => x };
    case Activation.RELU_N1_TO_1:
      return { fused: 'linear', after: (x) => tf.clipByValue(x, -1, 1) };
    case Activation.TANH:
      return { fused: 'linear', after: (x) => tf.tanh(x) };
    default:
      throw new UnsupportedOpError(`Operator ${op.index} (${op.opName}) has unsupported fused activation ${activation}.`);
  }
}

function activate(x: tf.Tensor, fused: Fusable): tf.Tensor {
  if (fused === 'relu') return tf.relu(x);
  if (fused === 'relu6') return tf.relu6(x);
  return x;
}

function padding(op: ParsedOperator, p: number): 'same' | 'valid' {
  if (p === Padding.SAME) return 'same';
  if (p === Padding.VALID) return 'valid';
  throw new UnsupportedOpError(`Operator ${op.index} (${op.opName}) has unknown padding ${p}.`);
}

function buildStep(model: ParsedModel, op: ParsedOperator, weights: tf.Tensor[]): Step {
  const tensor = (i: number): ParsedTensor => model.tensors[i]!;
  const keep = <T extends tf.Tensor>(t: T): T => {
    weights.push(t);
    return t;
  };
  /** A constant input as a weight tensor, or a reader of the computed activation. */
  const operand = (i: number): ((v: Map<number, tf.Tensor>) => tf.Tensor) => {
    const t = tensor(i);
    if (t.data) {
      const w = keep(tf.tensor(dequantize(t), t.shape, 'float32'));
      return () => w;
    }
    return (v) => {
      const x = v.get(i);
      if (!x) throw new TfliteFormatError(`Operator ${op.index} (${op.opName}) reads tensor ${i} before it is computed.`);
      return x;
    };
  };
  const [in0, in1, in2] = op.inputs;
  const o = op.options;
  switch (op.code) {
    case BuiltinOperator.QUANTIZE:
    case BuiltinOperator.DEQUANTIZE: {
      // Activations stay float32: the (de)quantisation round trip is the identity here.
      const x = operand(in0!);
      return { op, run: (v) => x(v) };
    }
    case BuiltinOperator.CONV_2D: {
      if (o.kind !== 'conv2d') break;
      const w = tensor(in1!);
      const filter = keep(tf.tensor4d(ohwiToHwio(dequantize(w), w.shape), [w.shape[1]!, w.shape[2]!, w.shape[3]!, w.shape[0]!]));
      const bias = in2 !== undefined && in2 >= 0 ? keep(tf.tensor1d(dequantize(tensor(in2)))) : undefined;
      const x = operand(in0!);
      const act = fusable(op, o.activation);
      const pad = padding(op, o.padding);
      return {
        op,
        run: (v) =>
          act.after(
            tf.fused.conv2d({
              x: x(v) as tf.Tensor4D,
              filter,
              strides: [o.strideH, o.strideW],
              pad,
              dilations: [o.dilationH, o.dilationW],
              bias,
              activation: act.fused,
            }),
          ),
      };
    }
    case BuiltinOperator.DEPTHWISE_CONV_2D: {
      if (o.kind !== 'depthwise') break;
      const w = tensor(in1!);
      const [, kh, kw, total] = w.shape as [number, number, number, number];
      const channels = tensor(in0!).shape[3]!;
      const multiplier = total / channels;
      // TFLite [1, h, w, in*mult] has the same memory order as TF.js [h, w, in, mult].
      const filter = keep(tf.tensor4d(dequantize(w), [kh, kw, channels, multiplier]));
      const bias = in2 !== undefined && in2 >= 0 ? keep(tf.tensor1d(dequantize(tensor(in2)))) : undefined;
      const x = operand(in0!);
      const act = fusable(op, o.activation);
      const pad = padding(op, o.padding);
      return {
        op,
        run: (v) =>
          act.after(
            tf.fused.depthwiseConv2d({
              x: x(v) as tf.Tensor4D,
              filter,
              strides: [o.strideH, o.strideW],
              pad,
              dilations: [o.dilationH, o.dilationW],
              bias,
              activation: act.fused,
            }),
          ),
      };
    }
    case BuiltinOperator.ADD: {
      if (o.kind !== 'activation') break;
      const a = operand(in0!);
      const b = operand(in1!);
      const act = fusable(op, o.activation);
      return { op, run: (v) => act.after(activate(tf.add(a(v), b(v)), act.fused)) };
    }
    case BuiltinOperator.MEAN: {
      if (o.kind !== 'reducer') break;
      const axes = constantInts(tensor(in1!));
      const x = operand(in0!);
      return { op, run: (v) => tf.mean(x(v), axes, o.keepDims) };
    }
    case BuiltinOperator.RESHAPE: {
      if (o.kind !== 'reshape') break;
      const shape = in1 !== undefined && in1 >= 0 && tensor(in1).data ? constantInts(tensor(in1)) : o.newShape;
      if (!shape) throw new UnsupportedOpError(`Operator ${op.index} (RESHAPE) has a dynamic shape.`);
      const x = operand(in0!);
      // The file is written for batch 1: keep the runtime batch in dimension 0.
      return { op, run: (v) => tf.reshape(x(v), [x(v).shape[0]!, ...shape.slice(1)]) };
    }
    case BuiltinOperator.SOFTMAX: {
      if (o.kind !== 'softmax') break;
      const x = operand(in0!);
      return { op, run: (v) => tf.softmax(o.beta === 1 ? x(v) : tf.mul(x(v), o.beta)) };
    }
    case BuiltinOperator.FULLY_CONNECTED: {
      if (o.kind !== 'activation') break;
      const w = tensor(in1!);
      const weight = keep(tf.tensor2d(dequantize(w), [w.shape[0]!, w.shape[1]!]));
      const bias = in2 !== undefined && in2 >= 0 ? keep(tf.tensor1d(dequantize(tensor(in2)))) : undefined;
      const x = operand(in0!);
      const act = fusable(op, o.activation);
      return {
        op,
        run: (v) =>
          act.after(
            tf.fused.matMul({
              a: tf.reshape(x(v), [-1, w.shape[1]!]),
              b: weight,
              transposeB: true,
              bias,
              activation: act.fused,
            }),
          ),
      };
    }
    default:
      break;
  }
  throw new UnsupportedOpError(
    `Unsupported TFLite operator ${op.opName} (builtin code ${op.code}) at operator index ${op.index}; ` +
      'supported: CONV_2D, DEPTHWISE_CONV_2D, ADD, MEAN, RESHAPE, SOFTMAX, FULLY_CONNECTED, QUANTIZE, DEQUANTIZE.',
  );
}
