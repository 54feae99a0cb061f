// Plain patterns, free of zod, so the UI checks input exactly as the API does.

/** Letters, with single spaces, hyphens or apostrophes between them. */
export const NAME_PATTERN = /^[A-Za-zА-Яа-яЁё]+(?:[ '’-][A-Za-zА-Яа-яЁё]+)*$/;
export const NAME_MESSAGE = 'Только буквы, пробелы, дефисы и апострофы';

export const ORG_CODE_PATTERN = /^[0-9A-Za-zА-Яа-яЁё._-]{1,40}$/;
export const ORG_CODE_MESSAGE = 'Код: до 40 букв, цифр, точек, дефисов';
