import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffFields as diffPassport } from '../history/field-diff.js';
import { applyPassportPatch, blankPassport } from './org-passport.js';

const base = blankPassport('P-1', 'ППО школы № 7');

describe('applying a passport patch', () => {
  it('changes only the fields it carries, nested objects merged', () => {
    const withChairman = applyPassportPatch(base, {
      chairman: { lastName: 'Смирнова', firstName: 'Ольга', phone: '+79123456789' },
    });
    const next = applyPassportPatch(withChairman, {
      chairman: { phone: '+79990001122' },
      isSmall: true,
    });
    expect(next.chairman).toMatchObject({
      lastName: 'Смирнова',
      firstName: 'Ольга',
      phone: '+79990001122',
    });
    expect(next.isSmall).toBe(true);
    expect(next.name).toBe('ППО школы № 7');
  });

  it('null clears a nested object', () => {
    const withEdu = applyPassportPatch(base, { eduOrg: { name: 'МБОУ СОШ № 7' } });
    expect(applyPassportPatch(withEdu, { eduOrg: null }).eduOrg).toBeNull();
  });

  it('a chairman elected without a term end serves five years', () => {
    const next = applyPassportPatch(base, {
      chairman: { lastName: 'Орлов', electedOn: '2024-03-01' },
    });
    expect(next.chairman?.termEndsOn).toBe('2029-03-01');
  });

  it('an explicit term end is kept', () => {
    const next = applyPassportPatch(base, {
      chairman: { electedOn: '2024-03-01', termEndsOn: '2027-03-01' },
    });
    expect(next.chairman?.termEndsOn).toBe('2027-03-01');
  });

  it('notify consents merge one channel at a time', () => {
    const a = applyPassportPatch(base, { chairman: { notify: { sms: true } } });
    const b = applyPassportPatch(a, { chairman: { notify: { email: true } } });
    expect(b.chairman?.notify).toEqual({ sms: true, push: false, email: true });
  });
});

describe('diffing passports', () => {
  it('names nested fields with dotted paths and gives old and new', () => {
    const before = applyPassportPatch(base, { contacts: { phone: '+79120000000' } });
    const after = applyPassportPatch(before, { contacts: { phone: '+79121111111' }, duesRate: 1 });
    expect(diffPassport(before, after)).toEqual([
      { field: 'duesRate', old: null, new: 1 },
      { field: 'contacts.phone', old: '+79120000000', new: '+79121111111' },
    ]);
  });

  it('an object appearing is listed field by field against null', () => {
    const after = applyPassportPatch(base, { eduOrg: { name: 'Лицей № 2' } });
    expect(diffPassport(base, after)).toEqual([{ field: 'eduOrg', old: null, new: after.eduOrg }]);
  });

  it('a patch is a no-op exactly when the diff is empty', () => {
    const patchArb = fc.record(
      {
        isSmall: fc.option(fc.boolean()),
        hasCommittee: fc.option(fc.boolean()),
        duesRate: fc.option(fc.integer({ min: 0, max: 100 })),
        shortName: fc.option(fc.constantFrom('ППО', 'ПО школы')),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(patchArb, patchArb, (p1, p2) => {
        const a = applyPassportPatch(base, p1);
        const b = applyPassportPatch(a, p2);
        const same = JSON.stringify(a) === JSON.stringify(b);
        expect(diffPassport(a, b).length === 0).toBe(same);
      }),
    );
  });
});
