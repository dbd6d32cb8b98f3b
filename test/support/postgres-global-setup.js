'use strict';
const { dropAbandoned } = require('./postgres-databases');

module.exports = async () => {
  process.env.FACEGATE_TEST_RUN = String(process.pid);
  await dropAbandoned();
};
