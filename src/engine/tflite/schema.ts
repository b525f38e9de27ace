import { ByteBuffer } from 'flatbuffers';

/**
 * Hand-written read-only accessors for the few tables of the TFLite flatbuffer schema
 * (tensorflow/lite/schema/schema.fbs, Apache-2.0) that the loader needs. Field numbers follow the
 * schema: the vtable slot of field i is 4 + 2*i; a union takes two slots (type, value).
 */

/** Subset of `BuiltinOperator`; other codes are reported by number in the loader's error. */
export const BuiltinOperator = {
  ADD: 0,
  AVERAGE_POOL_2D: 1,
  CONV_2D: 3,
  DEPTHWISE_CONV_2D: 4,
  DEQUANTIZE: 6,
  FULLY_CONNECTED: 9,
  RELU: 19,
  RELU6: 21,
  RESHAPE: 22,
  SOFTMAX: 25,
  PAD: 34,
  MEAN: 40,
  QUANTIZE: 114,
} as const;

export const TensorType = {
  FLOAT32: 0,
  FLOAT16: 1,
  INT32: 2,
  UINT8: 3,
  INT64: 4,
  STRING: 5,
  BOOL: 6,
  INT16: 7,
  COMPLEX64: 8,
  INT8: 9,
} as const;

export const Padding = { SAME: 0, VALID: 1 } as const;

export const Activation = { NONE: 0, RELU: 1, RELU_N1_TO_1: 2, RELU6: 3, TANH: 4 } as const;

/** Base for one flatbuffer table: position of the table in the buffer. */
class Table {
  constructor(
    protected readonly bb: ByteBuffer,
    protected readonly pos: number,
  ) {}

  protected field(index: number): number {
    return this.bb.__offset(this.pos, 4 + 2 * index);
  }

  protected int32(index: number, dflt: number): number {
    const o = this.field(index);
    return o ? this.bb.readInt32(this.pos + o) : dflt;
  }

  protected uint32(index: number, dflt: number): number {
    const o = this.field(index);
    return o ? this.bb.readUint32(this.pos + o) : dflt;
  }

  protected int8(index: number, dflt: number): number {
    const o = this.field(index);
    return o ? this.bb.readInt8(this.pos + o) : dflt;
  }

  protected uint8(index: number, dflt: number): number {
    const o = this.field(index);
    return o ? this.bb.readUint8(this.pos + o) : dflt;
  }

  protected bool(index: number): boolean {
    return this.uint8(index, 0) !== 0;
  }

  protected string(index: number): string | null {
    const o = this.field(index);
    return o ? (this.bb.__string(this.pos + o) as string) : null;
  }

  protected vectorLength(index: number): number {
    const o = this.field(index);
    return o ? this.bb.__vector_len(this.pos + o) : 0;
  }

  /** Absolute byte position of the first element of a vector field (0 when absent). */
  protected vectorStart(index: number): number {
    const o = this.field(index);
    return o ? this.bb.__vector(this.pos + o) : 0;
  }

  protected int32Vector(index: number): number[] {
    const n = this.vectorLength(index);
    const start = this.vectorStart(index);
    const out = new Array<number>(n);
    for (let i = 0; i < n; i++) out[i] = this.bb.readInt32(start + 4 * i);
    return out;
  }

  protected float32Vector(index: number): Float32Array {
    const n = this.vectorLength(index);
    const start = this.vectorStart(index);
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = this.bb.readFloat32(start + 4 * i);
    return out;
  }

  protected int64VectorAsNumbers(index: number): number[] {
    const n = this.vectorLength(index);
    const start = this.vectorStart(index);
    const out = new Array<number>(n);
    for (let i = 0; i < n; i++) out[i] = Number(this.bb.readInt64(start + 8 * i));
    return out;
  }

  /** The i-th table of a vector-of-tables field. */
  protected tableAt<T>(index: number, i: number, make: (bb: ByteBuffer, pos: number) => T): T {
    const start = this.vectorStart(index);
    return make(this.bb, this.bb.__indirect(start + 4 * i));
  }

  /** A sub-table field, or null when absent. */
  protected table<T>(index: number, make: (bb: ByteBuffer, pos: number) => T): T | null {
    const o = this.field(index);
    return o ? make(this.bb, this.bb.__indirect(this.pos + o)) : null;
  }
}

export class ModelTable extends Table {
  static root(bb: ByteBuffer): ModelTable {
    return new ModelTable(bb, bb.readInt32(bb.position()) + bb.position());
  }
  version(): number {
    return this.uint32(0, 0);
  }
  operatorCodesLength(): number {
    return this.vectorLength(1);
  }
  operatorCode(i: number): OperatorCodeTable {
    return this.tableAt(1, i, (b, p) => new OperatorCodeTable(b, p));
  }
  subgraphsLength(): number {
    return this.vectorLength(2);
  }
  subgraph(i: number): SubGraphTable {
    return this.tableAt(2, i, (b, p) => new SubGraphTable(b, p));
  }
  buffersLength(): number {
    return this.vectorLength(4);
  }
  buffer(i: number): BufferTable {
    return this.tableAt(4, i, (b, p) => new BufferTable(b, p));
  }
}

export class OperatorCodeTable extends Table {
  /** Old files keep the code in a byte (field 0), newer ones in an int (field 3): take the larger. */
  builtinCode(): number {
    return Math.max(this.int8(0, 0), this.int32(3, 0));
  }
  customCode(): string | null {
    return this.string(1);
  }
}

export class SubGraphTable extends Table {
  tensorsLength(): number {
    return this.vectorLength(0);
  }
  tensor(i: number): TensorTable {
    return this.tableAt(0, i, (b, p) => new TensorTable(b, p));
  }
  inputs(): number[] {
    return this.int32Vector(1);
  }
  outputs(): number[] {
    return this.int32Vector(2);
  }
  operatorsLength(): number {
    return this.vectorLength(3);
  }
  operator(i: number): OperatorTable {
    return this.tableAt(3, i, (b, p) => new OperatorTable(b, p));
  }
}

export class TensorTable extends Table {
  shape(): number[] {
    return this.int32Vector(0);
  }
  type(): number {
    return this.int8(1, 0);
  }
  buffer(): number {
    return this.uint32(2, 0);
  }
  name(): string {
    return this.string(3) ?? '';
  }
  quantization(): QuantizationTable | null {
    return this.table(4, (b, p) => new QuantizationTable(b, p));
  }
}

export class QuantizationTable extends Table {
  scale(): Float32Array {
    return this.float32Vector(2);
  }
  zeroPoint(): number[] {
    return this.int64VectorAsNumbers(3);
  }
  quantizedDimension(): number {
    return this.int32(6, 0);
  }
}

export class BufferTable extends Table {
  /** The inline bytes (a view into the file, not a copy), or null when empty. */
  data(): Uint8Array | null {
    const n = this.vectorLength(0);
    if (n === 0) return null;
    const start = this.vectorStart(0);
    return this.bb.bytes().subarray(start, start + n);
  }
  /** Files over 2 GB keep data outside the flatbuffer (offset/size fields): not supported here. */
  externalOffset(): bigint {
    const o = this.field(1);
    return o ? this.bb.readUint64(this.pos + o) : 0n;
  }
}

export class OperatorTable extends Table {
  opcodeIndex(): number {
    return this.uint32(0, 0);
  }
  inputs(): number[] {
    return this.int32Vector(1);
  }
  outputs(): number[] {
    return this.int32Vector(2);
  }
  builtinOptionsType(): number {
    return this.uint8(3, 0);
  }
  /** The builtin options table read as `make`; null when absent. */
  builtinOptions<T>(make: (bb: ByteBuffer, pos: number) => T): T | null {
    return this.table(4, make);
  }
}

export class Conv2DOptionsTable extends Table {
  static make = (b: ByteBuffer, p: number): Conv2DOptionsTable => new Conv2DOptionsTable(b, p);
  padding(): number {
    return this.int8(0, 0);
  }
  strideW(): number {
    return this.int32(1, 0);
  }
  strideH(): number {
    return this.int32(2, 0);
  }
  activation(): number {
    return this.int8(3, 0);
  }
  dilationW(): number {
    return this.int32(4, 1);
  }
  dilationH(): number {
    return this.int32(5, 1);
  }
}

export class DepthwiseConv2DOptionsTable extends Table {
  static make = (b: ByteBuffer, p: number): DepthwiseConv2DOptionsTable => new DepthwiseConv2DOptionsTable(b, p);
  padding(): number {
    return this.int8(0, 0);
  }
  strideW(): number {
    return this.int32(1, 0);
  }
  strideH(): number {
    return this.int32(2, 0);
  }
  depthMultiplier(): number {
    return this.int32(3, 0);
  }
  activation(): number {
    return this.int8(4, 0);
  }
  dilationW(): number {
    return this.int32(5, 1);
  }
  dilationH(): number {
    return this.int32(6, 1);
  }
}

/** AddOptions, FullyConnectedOptions (and others) start with fused_activation_function at field 0. */
export class ActivationOptionsTable extends Table {
  static make = (b: ByteBuffer, p: number): ActivationOptionsTable => new ActivationOptionsTable(b, p);
  activation(): number {
    return this.int8(0, 0);
  }
}

export class ReducerOptionsTable extends Table {
  static make = (b: ByteBuffer, p: number): ReducerOptionsTable => new ReducerOptionsTable(b, p);
  keepDims(): boolean {
    return this.bool(0);
  }
}

export class ReshapeOptionsTable extends Table {
  static make = (b: ByteBuffer, p: number): ReshapeOptionsTable => new ReshapeOptionsTable(b, p);
  newShape(): number[] {
    return this.int32Vector(0);
  }
}

export class SoftmaxOptionsTable extends Table {
  static make = (b: ByteBuffer, p: number): SoftmaxOptionsTable => new SoftmaxOptionsTable(b, p);
  beta(): number {
    const o = this.field(0);
    return o ? this.bb.readFloat32(this.pos + o) : 0;
  }
}
