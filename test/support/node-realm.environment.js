'use strict';
const { TestEnvironment } = require('jest-environment-node');

/**
 * jest runs tests in a sandbox whose typed-array constructors differ from Node's own; ONNX
 * Runtime checks its tensors with instanceof against Node's, so face searches would fail only
 * under jest. The sandbox gets Node's constructors.
 */
class NodeRealmEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of ['Float32Array', 'Float64Array', 'Int8Array', 'Uint8Array', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'BigInt64Array', 'BigUint64Array']) {
      this.global[name] = globalThis[name];
    }
  }
}

module.exports = NodeRealmEnvironment;
