/**
 * A small RFC 4180 reader: comma-separated fields, double-quoted fields that may hold commas, newlines
 * and `""` escapes, CRLF or LF line ends, an optional UTF-8 BOM (spreadsheets add one). Returns the
 * records in order, with blank lines dropped.
 */
export function parseCsv(text: string): string[][] {
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  const endRecord = (): void => {
    record.push(field);
    if (record.length > 1 || record[0] !== '') records.push(record);
    record = [];
    field = '';
  };
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (quoted) {
      if (c !== '"') {
        field += c;
      } else if (input[i + 1] === '"') {
        field += '"';
        i++;
      } else {
        quoted = false;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
    } else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && input[i + 1] === '\n') i++;
      endRecord();
    } else {
      field += c;
    }
  }
  if (quoted) throw new CsvSyntaxError('unterminated quoted field');
  endRecord();
  return records;
}

export class CsvSyntaxError extends Error {}
