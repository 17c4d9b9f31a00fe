import { toCsv } from './csv';

describe('toCsv', () => {
  it('writes full-precision numbers, empty cells for null, quotes where needed', () => {
    expect(
      toCsv([
        ['metric', 'a, b'],
        ['loss', 0.12345678901234566],
        ['x "y"', null],
        ['neg', -1.5e-7],
      ]),
    ).toBe('metric,"a, b"\r\nloss,0.12345678901234566\r\n"x ""y""",\r\nneg,-1.5e-7');
  });

  it('escapes text a spreadsheet would run as a formula', () => {
    expect(toCsv([['=SUM(A1)', -2]])).toBe(`"'=SUM(A1)",-2`);
  });
});
