import { CsvSyntaxError, parseCsv } from './csv.js';

describe('parseCsv', () => {
  it.each([
    [
      'plain fields',
      'a,b,c\n1,2,3\n',
      [
        ['a', 'b', 'c'],
        ['1', '2', '3'],
      ],
    ],
    [
      'CRLF and no final newline',
      'a,b\r\n1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    ['a BOM', '\uFEFFid\nx', [['id'], ['x']]],
    [
      'empty fields',
      'a,,c\n,,\n',
      [
        ['a', '', 'c'],
        ['', '', ''],
      ],
    ],
    ['blank lines', 'a\n\n\nb\n', [['a'], ['b']]],
    [
      'quoted commas and quotes',
      'g,n\n"{""type"":""Point"",""coordinates"":[1,2]}","a, b"\n',
      [
        ['g', 'n'],
        ['{"type":"Point","coordinates":[1,2]}', 'a, b'],
      ],
    ],
    ['a newline inside quotes', '"line 1\nline 2",x\n', [['line 1\nline 2', 'x']]],
    ['Chinese text', 'name\n康巴什区\n', [['name'], ['康巴什区']]],
  ])('reads %s', (_, text, expected) => expect(parseCsv(text)).toEqual(expected));

  it('refuses an unterminated quote', () => {
    expect(() => parseCsv('a\n"open')).toThrow(CsvSyntaxError);
  });
});
