'use strict';
// The postgres project of jest.config.js: this test file's apps and services use PostgreSQL.
process.env.FACEGATE_TEST_DB = 'postgres';
