import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A refusal the sink gives instead of accepting a letter: an SMTP code and its text. */
export type Refusal = { code: number; message: string } | null;

/**
 * A real SMTP server on a local port for the tests: it takes letters over SMTP, parses them
 * with mailparser and keeps them; `refuse` decides per letter whether to answer with an error.
 */
export async function startSmtpSink(port = 0) {
  const received: ParsedMail[] = [];
  let refuse: (mail: ParsedMail, attempt: number) => Refusal = () => null;
  /** A refusal of the sender (MAIL FROM): the server's fault, not any recipient's. */
  let refuseSender: Refusal = null;
  const attempts = new Map<string, number>();
  const server = new SMTPServer({
    // Plain SMTP on loopback: no STARTTLS to negotiate, no login.
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onMailFrom(_address, _session, callback) {
      if (!refuseSender) return callback();
      const error = new Error(refuseSender.message) as Error & { responseCode: number };
      error.responseCode = refuseSender.code;
      return callback(error);
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const id = mail.messageId ?? '';
          const attempt = (attempts.get(id) ?? 0) + 1;
          attempts.set(id, attempt);
          const refusal = refuse(mail, attempt);
          if (refusal) {
            const error = new Error(refusal.message) as Error & { responseCode: number };
            error.responseCode = refusal.code;
            callback(error);
            return;
          }
          received.push(mail);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.server.address() as AddressInfo;
  return {
    port: address.port,
    url: `smtp://127.0.0.1:${address.port}`,
    received,
    /** Letters offered, by Message-ID, counting refused ones. */
    attempts,
    refuseWith(rule: typeof refuse) {
      refuse = rule;
    },
    refuseSenderWith(refusal: Refusal) {
      refuseSender = refusal;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>;
