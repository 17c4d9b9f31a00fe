import { errorFromAnswer, parseBytes } from './api-error';

describe('errorFromAnswer', () => {
  it("uses the envelope's message, subcode and error data when the answer has them", () => {
    const error = errorFromAnswer('tasks.get_all_ex', 400, 'Bad Request', {
      meta: { result_code: 400, result_subcode: 12, result_msg: 'Invalid task id: x', error_data: { id: 'x' } },
      data: {},
    });
    expect([error.message, error.status, error.subcode, error.errorData]).toEqual(['Invalid task id: x', 400, 12, { id: 'x' }]);
  });

  it('says the server cannot be reached without an answer, and names the status otherwise', () => {
    expect(errorFromAnswer('a.b', 0, '', null).message).toContain('cannot be reached');
    expect(errorFromAnswer('a.b', 502, 'Bad Gateway', 'proxy page').message).toBe('The server answered 502 Bad Gateway to a.b.');
    expect(errorFromAnswer('a.b', 404, '', parseBytes(new TextEncoder().encode('NOT FOUND').buffer)).message).toBe(
      'The server answered 404 to a.b.',
    );
  });
});
