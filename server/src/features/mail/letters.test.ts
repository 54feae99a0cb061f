import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chairmanLetter, compose } from './letters.js';
import { parseUnsubscribeToken, tokenSigned, unsubscribeToken } from './unsubscribe.js';

describe('letters', () => {
  it('whatever people typed never reaches the HTML as markup', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        fc.array(fc.string(), { maxLength: 5 }),
        (a, b, list) => {
          const { html, text } = compose(a, b, [
            a,
            { list },
            { link: `https://x.example/${b}`, label: a },
          ]);
          const userParts = [a, b, ...list].filter((s) => /[<>&"']/.test(s));
          for (const part of userParts) expect(html).not.toContain(`<p>${part}</p>`);
          // Only the layout's own tags remain once the escaped text is taken out.
          const tags = html.match(/<\/?([a-z]+)/g) ?? [];
          const allowed = [
            '<!doctype',
            '<html',
            '<head',
            '<meta',
            '<title',
            '</title',
            '</head',
            '<body',
            '<p',
            '</p',
            '<ul',
            '</ul',
            '<li',
            '</li',
            '<a',
            '</a',
            '<br',
            '</body',
            '</html',
          ];
          for (const tag of tags) expect(allowed).toContain(tag.toLowerCase());
          expect(text).toContain(b);
        },
      ),
    );
  });

  it('a letter about many people names twenty and counts the rest', () => {
    const people = Array.from({ length: 25 }, (_, i) => ({
      id: String(i + 1),
      name: `Член № ${i + 1}`,
    }));
    const letter = chairmanLetter(
      { kind: 'member_registered', orgName: 'ППО школы № 1', on: '2026-12-02', people },
      { firstName: 'Мария', middleName: 'Ивановна' },
      'https://reestr.example',
    );
    expect(letter.subject).toBe('Профреестр: Поставлены на учёт: 25');
    expect(letter.text).toContain('— Член № 20\n— и ещё 5');
    expect(letter.text).not.toContain('Член № 21');
    expect(letter.text).toContain('В организации «ППО школы № 1» 02.12.2026 на учёт поставлены:');
    // A link to a card only when the letter is about one person.
    expect(letter.text).not.toContain('/members/');
  });
});

describe('unsubscribe links', () => {
  const key = Buffer.alloc(32, 7);
  it('a link is signed for the person at the address it went to', () => {
    const token = unsubscribeToken(key, { kind: 'chairman', personId: '45' }, 'old@example.org');
    const parsed = parseUnsubscribeToken(token);
    expect(parsed).toMatchObject({ kind: 'chairman', personId: '45' });
    expect(tokenSigned(key, parsed as NonNullable<typeof parsed>, 'OLD@example.org')).toBe(true);
    // The next chairman of the org (another address) is not unsubscribed by the old link.
    expect(tokenSigned(key, parsed as NonNullable<typeof parsed>, 'new@example.org')).toBe(false);
  });

  it('any one character changed, the link is no longer signed', () => {
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom(...'ABCxyz019-_'), (at, c) => {
        const token = unsubscribeToken(key, { kind: 'member', personId: '123' }, 'a@b.org');
        const i = at % token.length;
        fc.pre(token[i] !== c);
        const altered = token.slice(0, i) + c + token.slice(i + 1);
        const parsed = parseUnsubscribeToken(altered);
        return !parsed || !tokenSigned(key, parsed, 'a@b.org') || parsed.personId !== '123';
      }),
    );
  });
});
