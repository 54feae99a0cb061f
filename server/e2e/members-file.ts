// Generated members for the end-to-end tests: invented names, shaped like a real file.

import { apiSession } from './e2e-api.js';
import { E2E_ADMIN_PASSWORD, type RunningServer } from './e2e-server.js';

const LAST = [
  'Смирнова',
  'Кузнецова',
  'Попова',
  'Васильева',
  'Петрова',
  'Соколова',
  'Михайлова',
  'Новикова',
];
const FIRST = [
  'Анна',
  'Мария',
  'Елена',
  'Ольга',
  'Наталья',
  'Ирина',
  'Светлана',
  'Татьяна',
  'Юлия',
  'Дарья',
];
const MIDDLE = ['Ивановна', 'Петровна', 'Сергеевна', 'Андреевна', 'Олеговна'];

/** A members file of `rows` invented women for the primaries P-0, P-1 and P-2; every 97th row has
 * an impossible birth date (31 February), to be rejected. */
export function membersCsv(rows: number): string {
  const lines = ['Код организации;Фамилия;Имя;Отчество;Пол;Дата рождения;Категория'];
  for (let i = 0; i < rows; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    const month = String((Math.floor(i / 28) % 12) + 1).padStart(2, '0');
    const year = 1960 + (i % 40);
    // Every 97th row has an impossible date: rejected rows must survive the crash too.
    const birth = i % 97 === 0 ? `31.02.${year}` : `${day}.${month}.${year}`;
    lines.push(
      [
        `P-${i % 3}`,
        LAST[i % 8],
        FIRST[Math.floor(i / 8) % 10],
        MIDDLE[Math.floor(i / 80) % 5],
        'ж',
        birth,
        'работающий',
      ].join(';'),
    );
  }
  return lines.join('\r\n');
}

/** A region with the primaries P-0, P-1 and P-2, made through the API by the admin. */
export async function setUpRegion(server: RunningServer) {
  const admin = await apiSession(server.baseUrl, 'admin', E2E_ADMIN_PASSWORD);
  const region = await admin.post<{ id: string }>('/orgs', {
    code: 'R',
    level: 'regional',
    parentId: admin.user.orgId,
    name: 'Региональная',
  });
  for (const n of [0, 1, 2]) {
    await admin.post('/orgs', {
      code: `P-${n}`,
      level: 'primary',
      parentId: region.id,
      name: `ППО № ${n}`,
    });
  }
  return { admin, regionId: region.id };
}
