import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createProject, createTask, startServer } from './helpers';

/**
 * Queries the database cannot run are answered with ClearML's envelope errors: the code, subcode,
 * message and error data a client sees, whichever layer refuses the query.
 */
test('refused queries answer the ClearML envelope error (code, subcode, message, error data)', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const project = await createProject(server);
  await createTask(server, project, { name: 'one' });

  const cases: { endpoint: string; body: object; subcode: number; message: string; errorData: object }[] = [
    {
      endpoint: 'tasks.get_all_ex',
      body: { _any_: { pattern: 'one', fields: ['no_such_field'] } },
      subcode: 14,
      message: "Lookup error (probably an invalid field name or unsupported nested field): err=Cannot resolve field 'no_such_field'",
      errorData: { err: "Cannot resolve field 'no_such_field'" },
    },
    {
      endpoint: 'tasks.get_all_ex',
      body: { order_by: ['project.name'] },
      subcode: 14,
      message:
        'Lookup error (probably an invalid field name or unsupported nested field): err=Cannot resolve subfield or operator name on the field project',
      errorData: { err: 'Cannot resolve subfield or operator name on the field project' },
    },
    {
      endpoint: 'tasks.get_all_ex',
      body: { order_by: ['-@text_score'] },
      subcode: 16,
      message: 'invalid value for fields (text score cannot be used in order_by when search text is not used)',
      errorData: {},
    },
    {
      endpoint: 'tasks.get_all_ex',
      body: { order_by: ['hyperparams.a.b'] },
      subcode: 12,
      message: "Validation error: order_by: cannot sort by 'hyperparams.a.b'",
      errorData: { field: 'order_by' },
    },
    {
      endpoint: 'projects.get_all_ex',
      body: { order_by: ['no_such_field'] },
      subcode: 12,
      message: "Validation error: order_by: cannot sort by 'no_such_field'",
      errorData: { field: 'order_by' },
    },
    {
      endpoint: 'tasks.get_all_ex',
      body: { name: '(a)\\1' },
      subcode: 12,
      message:
        /^Validation error: name is not a regular expression the server can run: .*\(patterns run on RE2: no backreferences or lookaround\): \(a\)\\1$/
          .source,
      errorData: { field: 'name' },
    },
    {
      endpoint: 'tasks.get_all_ex',
      body: { _all_: { pattern: 'a{999}b{999}c{999}', fields: ['name'] } },
      subcode: 12,
      message:
        /^Validation error: _all_\.pattern is not a regular expression the server can run: the pattern is too large \(RE2 program size \d+, at most 2000\): a\{999\}b\{999\}c\{999\}$/
          .source,
      errorData: { field: '_all_.pattern' },
    },
    {
      endpoint: 'projects.get_all_ex',
      body: { name: '(?=a)' },
      subcode: 12,
      message: /^Validation error: name is not a regular expression the server can run: .*: \(\?=a\)$/.source,
      errorData: { field: 'name' },
    },
    {
      endpoint: 'models.get_all',
      body: { name: '(?!a)b' },
      subcode: 12,
      message: /^Validation error: name is not a regular expression the server can run: .*: \(\?!a\)b$/.source,
      errorData: { field: 'name' },
    },
  ];
  for (const c of cases) {
    const label = `${c.endpoint} ${JSON.stringify(c.body)}`;
    const reply = await server.call(c.endpoint, c.body);
    assert.equal(reply.status, 400, label);
    assert.equal(reply.meta.result_code, 400, label);
    assert.equal(reply.meta.result_subcode, c.subcode, label);
    if (c.message.startsWith('^')) assert.match(reply.meta.result_msg, new RegExp(c.message), label);
    else assert.equal(reply.meta.result_msg, c.message, label);
    assert.deepEqual(reply.meta.error_data, c.errorData, label);
    assert.deepEqual(reply.data, {}, label);
  }
});
