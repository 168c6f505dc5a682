import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('loadConfig: where the web application listens', () => {
  it('defaults to 127.0.0.1:3000', () => {
    const config = loadConfig({});
    expect({ port: config.port, host: config.host }).toEqual({ port: 3000, host: '127.0.0.1' });
  });

  it('honours PORT and HOST, as hosting platforms set them', () => {
    const config = loadConfig({ PORT: '4100', HOST: '0.0.0.0' });
    expect({ port: config.port, host: config.host }).toEqual({ port: 4100, host: '0.0.0.0' });
  });

  it('prefers SAFER_PORT and SAFER_HOST over PORT and HOST', () => {
    const config = loadConfig({ SAFER_PORT: '4200', PORT: '4100', SAFER_HOST: '::1', HOST: '0.0.0.0' });
    expect({ port: config.port, host: config.host }).toEqual({ port: 4200, host: '::1' });
  });

  it('does not read PORT or HOST at all when SAFER_PORT or SAFER_HOST is set', () => {
    const config = loadConfig({ SAFER_PORT: '4200', PORT: 'not a port', SAFER_HOST: '127.0.0.2', HOST: '' });
    expect({ port: config.port, host: config.host }).toEqual({ port: 4200, host: '127.0.0.2' });
  });

  it.each([
    [{ PORT: 'abc' }, 'Invalid configuration: PORT: Invalid input: expected number, received NaN'],
    [{ PORT: '0' }, 'Invalid configuration: PORT: Too small: expected number to be >=1'],
    [{ PORT: '' }, 'Invalid configuration: PORT: Too small: expected number to be >=1'],
    [{ PORT: '65536' }, 'Invalid configuration: PORT: Too big: expected number to be <=65535'],
    [
      { SAFER_PORT: '1.5', PORT: '4100' },
      'Invalid configuration: SAFER_PORT: Invalid input: expected int, received number',
    ],
    [{ HOST: '' }, 'Invalid configuration: HOST: Too small: expected string to have >=1 characters'],
    [
      { SAFER_HOST: '', HOST: '0.0.0.0' },
      'Invalid configuration: SAFER_HOST: Too small: expected string to have >=1 characters',
    ],
  ])('refuses %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new Error(message));
  });
});

describe('loadConfig: e-mail', () => {
  it('sends no e-mail unless an SMTP server is named', () => {
    expect(loadConfig({}).mail).toBeUndefined();
    expect(loadConfig({ SAFER_MAIL_FROM: 'safer@csp.example' }).mail).toBeUndefined();
  });

  it('reads the server and the sender', () => {
    expect(loadConfig({ SAFER_SMTP_URL: 'smtp://127.0.0.1:2525', SAFER_MAIL_FROM: 'safer@csp.example' }).mail).toEqual({
      smtpUrl: 'smtp://127.0.0.1:2525',
      from: 'safer@csp.example',
    });
    expect(
      loadConfig({ SAFER_SMTP_URL: 'smtps://user:secret@mail.csp.example:465', SAFER_MAIL_FROM: 'a@b.example' }).mail
        ?.smtpUrl,
    ).toBe('smtps://user:secret@mail.csp.example:465');
  });

  it.each([
    [
      { SAFER_SMTP_URL: 'http://mail.example:25', SAFER_MAIL_FROM: 'a@b.example' },
      'Invalid configuration: SAFER_SMTP_URL: an SMTP server as smtp://host:port or smtps://host:port',
    ],
    [
      { SAFER_SMTP_URL: 'smtp://mail.example:25', SAFER_MAIL_FROM: 'not an address' },
      'Invalid configuration: SAFER_MAIL_FROM: an e-mail address such as safer@partnership.example',
    ],
    [
      { SAFER_SMTP_URL: 'smtp://mail.example:25' },
      'Invalid configuration: SAFER_MAIL_FROM (the sender address) is required with SAFER_SMTP_URL',
    ],
  ])('refuses %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new Error(message));
  });
});

describe('loadConfig: the case key file', () => {
  it('defaults beside the working folder outside production, and may be created there', () => {
    expect(loadConfig({}, '/srv/safer').caseKeys).toEqual({
      file: '/srv/safer/.safer-keys/case-keys.json',
      createIfMissing: true,
    });
    expect(loadConfig({ SAFER_CASE_KEY_FILE: 'keys/k.json' }, '/srv/safer').caseKeys.file).toBe(
      '/srv/safer/keys/k.json',
    );
  });

  it('is required in production and never created there', () => {
    const production = { NODE_ENV: 'production', SAFER_SESSION_SECRET: 'x'.repeat(32) } as const;
    expect(() => loadConfig(production)).toThrow(/SAFER_CASE_KEY_FILE .* is required in production/);
    expect(loadConfig({ ...production, SAFER_CASE_KEY_FILE: '/etc/safer/keys.json' }).caseKeys).toEqual({
      file: '/etc/safer/keys.json',
      createIfMissing: false,
    });
  });
});
