const countFormat = new Intl.NumberFormat('ru-RU');

export const formatCount = (value: number): string => countFormat.format(value);
