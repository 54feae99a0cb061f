import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chairmanLetter, compose } from './letters.js';

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
