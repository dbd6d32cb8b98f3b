'use strict';
const { dropRun } = require('./postgres-databases');

module.exports = () => dropRun(Number(process.env.FACEGATE_TEST_RUN));
