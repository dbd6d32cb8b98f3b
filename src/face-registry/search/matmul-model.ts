/**
 * The ONNX model of one MatMul, `scores[n, k] = rows[n, d] × queries[d, k]`, written as protobuf
 * by hand: ONNX Runtime's MatMul reads the rows at close to memory bandwidth, three times the
 * speed of a JavaScript loop, and a model this small needs no protobuf library.
 */
export function matmulModel(dimensions: number): Uint8Array {
  const graph = message(
    7,
    message(1, text(1, 'rows'), text(1, 'queries'), text(2, 'scores'), text(3, 'dot'), text(4, 'MatMul')),
    text(2, 'face-search'),
    tensorInfo(11, 'rows', ['n', dimensions]),
    tensorInfo(11, 'queries', [dimensions, 'k']),
    tensorInfo(12, 'scores', ['n', 'k']),
  );
  // ir_version 8, producer, graph, opset 13 of the default domain
  return Buffer.concat([integer(1, 8), text(2, 'facegate'), graph, message(8, text(1, ''), integer(2, 13))]);
}

const FLOAT = 1;

function varint(value: number): Buffer {
  const bytes: number[] = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value) byte |= 0x80;
    bytes.push(byte);
  } while (value);
  return Buffer.from(bytes);
}

function field(number: number, wireType: 0 | 2, payload: Buffer): Buffer {
  const key = varint((number << 3) | wireType);
  return Buffer.concat(wireType === 2 ? [key, varint(payload.length), payload] : [key, payload]);
}

const integer = (number: number, value: number) => field(number, 0, varint(value));
const text = (number: number, value: string) => field(number, 2, Buffer.from(value));
const message = (number: number, ...parts: Buffer[]) => field(number, 2, Buffer.concat(parts));

/** ValueInfoProto of a float tensor; string dimensions are symbolic. */
function tensorInfo(number: number, name: string, shape: (number | string)[]): Buffer {
  const dims = shape.map((d) => message(1, typeof d === 'number' ? integer(1, d) : text(2, d)));
  return message(number, text(1, name), message(2, message(1, integer(1, FLOAT), message(2, ...dims))));
}
