import { createRequire } from 'node:module';
import path from 'node:path';

// pdfmake for printable documents (short passports, statistical reports). Roboto, shipped with
// pdfmake, has Cyrillic; pdfmake may read only those font files (its local access policy),
// never a path from elsewhere, and fetches nothing from the network.

// Loaded on the first PDF, not at start: pdfmake and its font machinery weigh ~25 MB of RSS
// that every other request, and every export's memory peak, would carry.
let loaded: Promise<typeof import('pdfmake')> | undefined;
export function loadPdfmake() {
  loaded ??= import('pdfmake').then(({ default: pdfmake }) => {
    const fontDir = path.dirname(
      createRequire(import.meta.url).resolve('pdfmake/fonts/Roboto/Roboto-Regular.ttf'),
    );
    pdfmake.setFonts({
      Roboto: {
        normal: path.join(fontDir, 'Roboto-Regular.ttf'),
        bold: path.join(fontDir, 'Roboto-Medium.ttf'),
        italics: path.join(fontDir, 'Roboto-Italic.ttf'),
        bolditalics: path.join(fontDir, 'Roboto-MediumItalic.ttf'),
      },
    });
    pdfmake.setLocalAccessPolicy((file) => path.dirname(path.resolve(file)) === fontDir);
    pdfmake.setUrlAccessPolicy(() => false);
    return pdfmake;
  });
  return loaded;
}
