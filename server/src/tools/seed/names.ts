import type { Random } from './random.js';

// Invented names only: syllables make towns and regions that do not exist, and the person
// names are common Russian name forms with no link to any real person.

const townStarts = [
  'Бел',
  'Вер',
  'Гор',
  'Дуб',
  'Зар',
  'Клён',
  'Лес',
  'Лип',
  'Мир',
  'Нов',
  'Озер',
  'Петр',
  'Под',
  'Рад',
  'Свет',
  'Сос',
  'Тих',
  'Ясн',
  'Холм',
  'Берёз',
  'Ключ',
  'Луг',
  'Ольх',
  'Руч',
];
const townMiddles = ['о', 'е'];
// A town's ending and the adjective the organization's name takes from it.
const townEnds = [
  ['горск', 'горская'],
  ['дольск', 'дольская'],
  ['речье', 'реченская'],
  ['поле', 'польская'],
  ['бор', 'борская'],
  ['ярск', 'ярская'],
  ['линск', 'линская'],
  ['овск', 'овская'],
  ['град', 'градская'],
  ['славль', 'славская'],
  ['мостье', 'мостская'],
  ['лужск', 'лужская'],
] as const;

/** A town and the adjective of its organizations, e.g. Белогорск → Белогорская. */
export function town(r: Random): { name: string; adjective: string } {
  const start = `${r.pick(townStarts)}${r.pick(townMiddles)}`;
  const [noun, adjective] = r.pick(townEnds);
  return { name: `${start}${noun}`, adjective: `${start}${adjective}` };
}

const regionAdjectives = [
  'Северо',
  'Южно',
  'Западно',
  'Восточно',
  'Верхне',
  'Нижне',
  'Средне',
  'Приозёрно',
  'Заречно',
  'Предгорно',
];
const regionRoots = [
  'бережная',
  'лесная',
  'степная',
  'озёрная',
  'речная',
  'горная',
  'луговая',
  'полевая',
];

export function regionName(index: number): string {
  const adjective = regionAdjectives[index % regionAdjectives.length];
  const root = regionRoots[Math.floor(index / regionAdjectives.length) % regionRoots.length];
  return `${adjective}${root} региональная организация Профсоюза`;
}

export const maleFirst = [
  'Александр',
  'Алексей',
  'Андрей',
  'Виктор',
  'Владимир',
  'Дмитрий',
  'Евгений',
  'Иван',
  'Игорь',
  'Михаил',
  'Николай',
  'Олег',
  'Павел',
  'Сергей',
  'Юрий',
  'Артём',
  'Максим',
  'Кирилл',
];
export const femaleFirst = [
  'Анна',
  'Елена',
  'Ирина',
  'Мария',
  'Наталья',
  'Ольга',
  'Светлана',
  'Татьяна',
  'Юлия',
  'Екатерина',
  'Людмила',
  'Галина',
  'Марина',
  'Надежда',
  'Валентина',
  'Дарья',
  'Ксения',
  'Вера',
];
const fatherNames = [
  'Александров',
  'Алексеев',
  'Андреев',
  'Викторов',
  'Владимиров',
  'Дмитриев',
  'Иванов',
  'Игорев',
  'Михайлов',
  'Николаев',
  'Олегов',
  'Павлов',
  'Сергеев',
  'Юрьев',
  'Петров',
  'Борисов',
];
// Surnames of the -ов/-ев/-ин type take -а for women.
const surnameRoots = [
  'Смирнов',
  'Кузнецов',
  'Попов',
  'Васильев',
  'Соколов',
  'Михайлов',
  'Новиков',
  'Фёдоров',
  'Морозов',
  'Волков',
  'Алексеев',
  'Лебедев',
  'Семёнов',
  'Егоров',
  'Павлов',
  'Козлов',
  'Степанов',
  'Николаев',
  'Орлов',
  'Андреев',
  'Макаров',
  'Никитин',
  'Захаров',
  'Зайцев',
  'Соловьёв',
  'Борисов',
  'Яковлев',
  'Григорьев',
  'Романов',
  'Воробьёв',
  'Сергеев',
  'Кузьмин',
  'Фролов',
  'Александров',
  'Дмитриев',
  'Королёв',
  'Гусев',
  'Киселёв',
  'Ильин',
  'Максимов',
];

export interface PersonName {
  lastName: string;
  firstName: string;
  middleName: string;
  sex: 'male' | 'female';
}

export function personName(r: Random, sex: 'male' | 'female'): PersonName {
  const root = r.pick(surnameRoots);
  const father = r.pick(fatherNames);
  return sex === 'male'
    ? { lastName: root, firstName: r.pick(maleFirst), middleName: `${father}ич`, sex }
    : { lastName: `${root}а`, firstName: r.pick(femaleFirst), middleName: `${father}на`, sex };
}

export const eduKinds = [
  {
    type: 'school',
    weight: 0.52,
    name: (n: number) => `МБОУ «Средняя общеобразовательная школа № ${n}»`,
  },
  { type: 'kindergarten', weight: 0.3, name: (n: number) => `МБДОУ «Детский сад № ${n}»` },
  { type: 'college', weight: 0.06, name: (n: number) => `ГБПОУ «Колледж № ${n}»` },
  {
    type: 'additional',
    weight: 0.07,
    name: (n: number) => `МБУ ДО «Дом детского творчества № ${n}»`,
  },
  { type: 'other', weight: 0.05, name: (n: number) => `МКУ «Центр обеспечения № ${n}»` },
] as const;

export const headPositions = ['Директор', 'Заведующий', 'Ректор', 'Руководитель'];
