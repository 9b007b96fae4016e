import { describe, expect, it } from '@jest/globals';
import { externaliseStyles } from './printable-report';

describe('externaliseStyles', () => {
  it('turns each style block into a stylesheet link and keeps the rest', () => {
    const css: string[] = [];
    const page = externaliseStyles(
      '<head><title>报告</title><style>h1 { color: red; }</style><STYLE media="print">p{}</STYLE></head>',
      (text) => {
        css.push(text);
        return `blob:x/${css.length}`;
      },
    );
    expect(page).toBe(
      '<head><title>报告</title><link rel="stylesheet" href="blob:x/1"><link rel="stylesheet" media="print" href="blob:x/2"></head>',
    );
    expect(css).toEqual(['h1 { color: red; }', 'p{}']);
  });
});
