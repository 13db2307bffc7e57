import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage, MetadataStorage, validate } from 'class-validator';
import { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { plainToInstance } from 'class-transformer';
import { CaseQueryDto } from 'src/cases/dto/case-query.dto';
import { fieldProblems, RULE_CODES } from 'src/common/validation';

/** Every source file that declares class-validator rules (the DTOs and their decorators). */
function validatedSources(dir = join(__dirname, '..')): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    if (statSync(path).isDirectory()) return validatedSources(path);
    return f.endsWith('.ts') && !f.endsWith('.spec.ts') && readFileSync(path, 'utf8').includes("from 'class-validator'")
      ? [path]
      : [];
  });
}

describe('validation pipe', () => {
  it('has a code for every rule of every DTO', async () => {
    for (const file of validatedSources()) await import(file);
    // the rules registered, a private field of class-validator's storage
    const storage = getMetadataStorage() as unknown as Pick<MetadataStorage, 'getTargetValidatorConstraints'> & {
      validationMetadatas: Map<unknown, ValidationMetadata[]>;
    };
    const rules = new Set<string>();
    for (const list of storage.validationMetadatas.values()) {
      for (const m of list) {
        if (m.type === 'customValidation')
          for (const c of storage.getTargetValidatorConstraints(m.constraintCls)) rules.add(c.name);
        else if (m.type !== 'conditionalValidation') rules.add(m.type);
      }
    }
    expect(rules.size).toBeGreaterThan(10);
    expect([...rules].filter((rule) => !RULE_CODES[rule])).toEqual([]);
  });

  it('names each field and rule by its code, never the value', async () => {
    const query = plainToInstance(CaseQueryDto, {
      page: '0',
      pageSize: '1000',
      secret: 'x',
      firDateFrom: '1899-12-31',
    });
    const problems = fieldProblems(await validate(query, { whitelist: true, forbidNonWhitelisted: true }));
    expect(problems.map((p) => `${p.field}:${p.code}`).sort()).toEqual(
      [
        'firDateFrom:COMMON.DATE_IN_RANGE',
        'page:COMMON.MIN',
        'pageSize:COMMON.MAX',
        'secret:COMMON.UNKNOWN_FIELD',
      ].sort(),
    );
  });
});
