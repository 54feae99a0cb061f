// Enumerations and their Russian labels, free of zod so the UI can import them cheaply.

export const orgLevels = ['central', 'regional', 'okrug', 'territorial', 'primary'] as const;
export type OrgLevel = (typeof orgLevels)[number];
export const orgLevelLabels: Record<OrgLevel, string> = {
  central: 'Центральная',
  regional: 'Региональная (межрегиональная)',
  okrug: 'Окружная',
  territorial: 'Территориальная',
  primary: 'Первичная',
};

export const orgStatuses = ['active', 'liquidated'] as const;
export type OrgStatus = (typeof orgStatuses)[number];
export const orgStatusLabels: Record<OrgStatus, string> = {
  active: 'Действует',
  liquidated: 'Ликвидирована',
};

export const sexes = ['male', 'female'] as const;
export const eduOrgTypes = [
  'school',
  'kindergarten',
  'college',
  'university',
  'additional',
  'other',
] as const;

// Ordered from least to most rights: a user never grants more than their own.
export const roles = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof roles)[number];
export const roleLabels: Record<Role, string> = {
  viewer: 'Просмотр',
  editor: 'Редактор',
  admin: 'Администратор',
};
