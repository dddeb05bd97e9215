// How the CLI reports errors and picks its exit code.
import { Neo4jError } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { AtlasError } from '../../../errors/index.ts';
import { DbUnavailable } from '../../../neo4j/errors.ts';
import { asAtlasError, exitCodeOf, formatError } from '../../../cli/report.ts';

describe('error lines', () => {
  it('print as source (unit offset): message [CODE]', () => {
    expect(formatError({ source: '/d/a.txt', position: { unit: 'byte', offset: 12 }, message: 'invalid UTF-8', code: 'INVALID_UTF8' })).toBe('/d/a.txt (byte 12): invalid UTF-8 [INVALID_UTF8]');
    expect(formatError({ source: '/d/p.pdf', position: { unit: 'page', offset: 3 }, message: 'scanned: no text to extract', code: 'NO_TEXT_LAYER' })).toBe('/d/p.pdf (page 3): scanned: no text to extract [NO_TEXT_LAYER]');
    expect(formatError({ source: '/d/b.txt', position: 7, message: 'bad byte' })).toBe('/d/b.txt (byte 7): bad byte');
    expect(formatError({ source: 'https://x.test/a', message: 'HTTP 404', code: 'FETCH_FAILED' })).toBe('https://x.test/a: HTTP 404 [FETCH_FAILED]');
  });
});

describe('exit codes', () => {
  it('come from the error table: 1 for a failed source, 2 for usage and connection', () => {
    expect(exitCodeOf(new AtlasError('INVALID_UTF8', 'x', { source: 'a' }))).toBe(1);
    expect(exitCodeOf(new AtlasError('USAGE', 'x'))).toBe(2);
    expect(exitCodeOf(new AtlasError('DB_UNAVAILABLE', 'Neo4j went away after 6 of 12 documents'))).toBe(2);
    expect(exitCodeOf(new DbUnavailable('could not start'))).toBe(2);
    expect(asAtlasError(new DbUnavailable('could not start')).code).toBe('DB_UNAVAILABLE');
  });
  it('classify driver errors by their code, not their message', () => {
    expect(asAtlasError(new Neo4jError('connection lost', 'ServiceUnavailable', '', '')).code).toBe('DB_UNAVAILABLE');
    expect(asAtlasError(new Neo4jError('nope', 'Neo.ClientError.Security.Unauthorized', '', '')).code).toBe('DB_AUTH');
    expect(asAtlasError(new Neo4jError('x', 'Neo.ClientError.Statement.SyntaxError', '', '')).exitCode).toBe(2);
  });
});

