import { ByteBuffer } from 'flatbuffers';
import {
  ActivationOptionsTable,
  BuiltinOperator,
  Conv2DOptionsTable,
  DepthwiseConv2DOptionsTable,
  ModelTable,
  ReducerOptionsTable,
  ReshapeOptionsTable,
  SoftmaxOptionsTable,
  TensorType,
  type OperatorTable,
} from './schema';

/** A TFLite file that cannot be read: wrong magic, truncated, or inconsistent. */
export class TfliteFormatError extends Error {
  override name = 'TfliteFormatError';
}

export interface QuantParams {
  scale: Float32Array;
  zeroPoint: number[];
  /** Axis the per-channel parameters run along (per-tensor when scale has one entry). */
  dimension: number;
}

export interface ParsedTensor {
  index: number;
  name: string;
  shape: number[];
  /** TFLite TensorType code. */
  type: number;
  /** Constant data (a view into the file), or null for activations. */
  data: Uint8Array | null;
  quant: QuantParams | null;
}

export type OpOptions =
  | { kind: 'conv2d'; padding: number; strideH: number; strideW: number; dilationH: number; dilationW: number; activation: number }
  | { kind: 'depthwise'; padding: number; strideH: number; strideW: number; dilationH: number; dilationW: number; depthMultiplier: number; activation: number }
  | { kind: 'activation'; activation: number }
  | { kind: 'reducer'; keepDims: boolean }
  | { kind: 'reshape'; newShape: number[] | null }
  | { kind: 'softmax'; beta: number }
  | { kind: 'none' };

export interface ParsedOperator {
  index: number;
  /** Builtin code (max of deprecated_builtin_code and builtin_code). */
  code: number;
  /** Readable op name, e.g. "CONV_2D" or "BUILTIN_97", or the custom code. */
  opName: string;
  inputs: number[];
  outputs: number[];
  options: OpOptions;
}

export interface ParsedModel {
  version: number;
  tensors: ParsedTensor[];
  operators: ParsedOperator[];
  inputs: number[];
  outputs: number[];
}

const opNames = new Map<number, string>(Object.entries(BuiltinOperator).map(([k, v]) => [v, k]));

const elementBytes: Record<number, number> = {
  [TensorType.FLOAT32]: 4,
  [TensorType.FLOAT16]: 2,
  [TensorType.INT32]: 4,
  [TensorType.UINT8]: 1,
  [TensorType.INT64]: 8,
  [TensorType.BOOL]: 1,
  [TensorType.INT16]: 2,
  [TensorType.INT8]: 1,
};

/** ByteBuffer that throws on reads past the end instead of returning undefined (truncated files). */
class CheckedByteBuffer extends ByteBuffer {
  private check(offset: number, size: number): void {
    if (offset < 0 || offset + size > this.capacity() || !Number.isInteger(offset)) {
      throw new TfliteFormatError(
        `TFLite file is truncated or corrupt: read of ${size} byte(s) at offset ${offset} past the end (${this.capacity()} bytes).`,
      );
    }
  }
  override readUint8(offset: number): number {
    this.check(offset, 1);
    return super.readUint8(offset);
  }
  override readUint16(offset: number): number {
    this.check(offset, 2);
    return super.readUint16(offset);
  }
  override readInt32(offset: number): number {
    this.check(offset, 4);
    return super.readInt32(offset);
  }
}

function readOptions(op: OperatorTable, code: number): OpOptions {
  switch (code) {
    case BuiltinOperator.CONV_2D: {
      const o = op.builtinOptions(Conv2DOptionsTable.make);
      if (!o) throw new TfliteFormatError('CONV_2D without Conv2DOptions');
      return {
        kind: 'conv2d',
        padding: o.padding(),
        strideH: o.strideH(),
        strideW: o.strideW(),
        dilationH: o.dilationH(),
        dilationW: o.dilationW(),
        activation: o.activation(),
      };
    }
    case BuiltinOperator.DEPTHWISE_CONV_2D: {
      const o = op.builtinOptions(DepthwiseConv2DOptionsTable.make);
      if (!o) throw new TfliteFormatError('DEPTHWISE_CONV_2D without DepthwiseConv2DOptions');
      return {
        kind: 'depthwise',
        padding: o.padding(),
        strideH: o.strideH(),
        strideW: o.strideW(),
        dilationH: o.dilationH(),
        dilationW: o.dilationW(),
        depthMultiplier: o.depthMultiplier(),
        activation: o.activation(),
      };
    }
    case BuiltinOperator.ADD:
    case BuiltinOperator.FULLY_CONNECTED:
      return { kind: 'activation', activation: op.builtinOptions(ActivationOptionsTable.make)?.activation() ?? 0 };
    case BuiltinOperator.MEAN:
      return { kind: 'reducer', keepDims: op.builtinOptions(ReducerOptionsTable.make)?.keepDims() ?? false };
    case BuiltinOperator.RESHAPE: {
      const o = op.builtinOptions(ReshapeOptionsTable.make);
      const shape = o?.newShape() ?? [];
      return { kind: 'reshape', newShape: shape.length ? shape : null };
    }
    case BuiltinOperator.SOFTMAX:
      return { kind: 'softmax', beta: op.builtinOptions(SoftmaxOptionsTable.make)?.beta() ?? 1 };
    default:
      return { kind: 'none' };
  }
}

/** Parses the first subgraph of a TFLite flatbuffer into plain data; weights stay views into `bytes`. */
export function parseTflite(bytes: Uint8Array): ParsedModel {
  if (bytes.length < 8) {
    throw new TfliteFormatError(`Not a TFLite model: ${bytes.length} bytes is too short for a flatbuffer header.`);
  }
  const bb = new CheckedByteBuffer(bytes);
  const magic = bb.getBufferIdentifier();
  if (magic !== 'TFL3') {
    throw new TfliteFormatError(`Not a TFLite model: file identifier is ${JSON.stringify(magic)}, expected "TFL3".`);
  }
  try {
    const model = ModelTable.root(bb);
    if (model.subgraphsLength() < 1) throw new TfliteFormatError('TFLite model has no subgraph.');
    const graph = model.subgraph(0);
    const nBuffers = model.buffersLength();
    const tensors: ParsedTensor[] = [];
    for (let i = 0; i < graph.tensorsLength(); i++) {
      const t = graph.tensor(i);
      const bufferIndex = t.buffer();
      if (bufferIndex >= nBuffers) {
        throw new TfliteFormatError(`Tensor ${i} refers to buffer ${bufferIndex} of ${nBuffers}.`);
      }
      const buffer = model.buffer(bufferIndex);
      if (buffer.externalOffset() !== 0n) {
        throw new TfliteFormatError(`Tensor ${i} keeps its data outside the flatbuffer (>2 GB models are not supported).`);
      }
      const data = buffer.data();
      const shape = t.shape();
      if (data) {
        const bytesPer = elementBytes[t.type()];
        const expected = shape.reduce((a, b) => a * b, 1) * (bytesPer ?? 0);
        if (bytesPer && data.length !== expected) {
          throw new TfliteFormatError(
            `Tensor ${i} (${t.name()}) holds ${data.length} bytes, its shape [${shape}] needs ${expected}: file truncated or corrupt.`,
          );
        }
      }
      const q = t.quantization();
      const scale = q?.scale() ?? new Float32Array(0);
      tensors.push({
        index: i,
        name: t.name(),
        shape,
        type: t.type(),
        data,
        quant: q && scale.length ? { scale, zeroPoint: q.zeroPoint(), dimension: q.quantizedDimension() } : null,
      });
    }
    const codes: { code: number; name: string }[] = [];
    for (let i = 0; i < model.operatorCodesLength(); i++) {
      const c = model.operatorCode(i);
      const code = c.builtinCode();
      codes.push({ code, name: c.customCode() ?? opNames.get(code) ?? `BUILTIN_${code}` });
    }
    const operators: ParsedOperator[] = [];
    for (let i = 0; i < graph.operatorsLength(); i++) {
      const op = graph.operator(i);
      const oc = codes[op.opcodeIndex()];
      if (!oc) throw new TfliteFormatError(`Operator ${i} refers to operator code ${op.opcodeIndex()} of ${codes.length}.`);
      const check = (ids: number[]): number[] => {
        for (const id of ids) {
          if (id >= tensors.length) throw new TfliteFormatError(`Operator ${i} refers to tensor ${id} of ${tensors.length}.`);
        }
        return ids;
      };
      operators.push({
        index: i,
        code: oc.code,
        opName: oc.name,
        inputs: check(op.inputs()),
        outputs: check(op.outputs()),
        options: readOptions(op, oc.code),
      });
    }
    return { version: model.version(), tensors, operators, inputs: graph.inputs(), outputs: graph.outputs() };
  } catch (err) {
    if (err instanceof TfliteFormatError) throw err;
    throw new TfliteFormatError(`TFLite file is corrupt: ${err instanceof Error ? err.message : String(err)}`);
  }
}
