import { useMemo, useState } from 'react';
import { t } from '../../i18n/i18n';
import { SelectField, TextField } from '../../ui/field';
import { ImportProblem, problemText, problemTypeText, SHEET_ORDER, sheetText } from './import-words';

type SortKey = 'sheet' | 'row' | 'column' | 'message';
type Direction = 'ascending' | 'descending';

const COLUMNS: ReadonlyArray<{
  key: SortKey;
  label: 'imports.problems.sheet' | 'imports.problems.row' | 'imports.problems.column' | 'imports.problems.message';
  numeric?: boolean;
}> = [
  { key: 'sheet', label: 'imports.problems.sheet' },
  { key: 'row', label: 'imports.problems.row', numeric: true },
  { key: 'column', label: 'imports.problems.column' },
  { key: 'message', label: 'imports.problems.message' },
];

/** Rows shown at first and added by each "show more": a rejected file may list thousands. */
const STEP = 200;

interface Listed {
  /** Its place in the upload's list, which keys its row. */
  readonly index: number;
  readonly problem: ImportProblem;
  readonly type: string;
  readonly message: string;
}

/** Whole-file problems first, then the template's sheets in order, then any other. */
function sheetRank(sheet: string): number {
  if (!sheet) return -1;
  const i = (SHEET_ORDER as readonly string[]).indexOf(sheet);
  return i === -1 ? SHEET_ORDER.length : i;
}

const text = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

function compare(a: Listed, b: Listed, key: SortKey): number {
  switch (key) {
    case 'sheet':
      return sheetRank(a.problem.sheet) - sheetRank(b.problem.sheet) || text.compare(a.problem.sheet, b.problem.sheet);
    case 'row':
      return a.problem.row - b.problem.row;
    case 'column':
      // problems of no one column after those of a column
      return (
        Number(a.problem.column === null) - Number(b.problem.column === null) ||
        text.compare(a.problem.column ?? '', b.problem.column ?? '')
      );
    case 'message':
      return text.compare(a.message, b.message);
  }
}

/** Sheet, then row: the order of the workbook, the default. */
function workbookOrder(a: Listed, b: Listed): number {
  return compare(a, b, 'sheet') || compare(a, b, 'row');
}

/**
 * Every problem of an upload, to be worked through: sorted by any column, filtered by sheet,
 * kind and words, and grouped by kind with how many of each.
 */
export function ProblemTable({ problems }: { problems: readonly ImportProblem[] }) {
  const [sort, setSort] = useState<{ key: SortKey; direction: Direction } | null>(null);
  const [sheet, setSheet] = useState<string | null>(null);
  const [type, setType] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [grouped, setGrouped] = useState(false);
  const [limit, setLimit] = useState(STEP);

  const listed = useMemo<Listed[]>(
    () =>
      problems.map((problem, index) => ({
        index,
        problem,
        type: problemTypeText(problem.code),
        message: problemText(problem),
      })),
    [problems],
  );
  const sheets = useMemo(() => {
    const counts = new Map<string, number>();
    for (const p of problems) counts.set(p.sheet, (counts.get(p.sheet) ?? 0) + 1);
    return [...counts].sort(([a], [b]) => sheetRank(a) - sheetRank(b) || text.compare(a, b));
  }, [problems]);
  const types = useMemo(() => {
    const counts = new Map<string, number>();
    for (const p of problems) counts.set(p.code, (counts.get(p.code) ?? 0) + 1);
    return [...counts].sort(([a, m], [b, n]) => n - m || text.compare(problemTypeText(a), problemTypeText(b)));
  }, [problems]);

  const shown = useMemo(() => {
    const words = search.trim().toLocaleLowerCase();
    const kept = listed.filter(
      ({ problem, type: kind, message }) =>
        (sheet === null || problem.sheet === sheet) &&
        (type === null || problem.code === type) &&
        (!words ||
          [sheetText(problem.sheet), String(problem.row), problem.column ?? '', message, kind].some((s) =>
            s.toLocaleLowerCase().includes(words),
          )),
    );
    const order = (a: Listed, b: Listed) => {
      if (!sort) return workbookOrder(a, b);
      const c = compare(a, b, sort.key);
      return (sort.direction === 'ascending' ? c : -c) || workbookOrder(a, b);
    };
    if (!grouped) return kept.sort(order);
    const rank = new Map(types.map(([code], i) => [code, i]));
    return kept.sort((a, b) => rank.get(a.problem.code)! - rank.get(b.problem.code)! || order(a, b));
  }, [listed, sheet, type, search, sort, grouped, types]);

  const groupSizes = useMemo(() => {
    const sizes = new Map<string, number>();
    for (const { problem } of shown) sizes.set(problem.code, (sizes.get(problem.code) ?? 0) + 1);
    return sizes;
  }, [shown]);

  const visible = shown.slice(0, limit);
  const groups: Array<{ code: string; rows: Listed[] }> = [];
  for (const row of visible) {
    const last = groups[groups.length - 1];
    if (grouped && last?.code === row.problem.code) last.rows.push(row);
    else if (grouped || !last) groups.push({ code: row.problem.code, rows: [row] });
    else last.rows.push(row);
  }

  const sortBy = (key: SortKey) =>
    setSort((now) => ({
      key,
      direction: now?.key === key && now.direction === 'ascending' ? 'descending' : 'ascending',
    }));

  return (
    <div className="problem-table">
      <div className="filters">
        <SelectField
          label={t('imports.problems.filterSheet')}
          value={sheet === null ? '*' : `=${sheet}`}
          onChange={(e) => {
            setSheet(e.target.value === '*' ? null : e.target.value.slice(1));
            setLimit(STEP);
          }}
        >
          <option value="*">{t('imports.problems.all')}</option>
          {sheets.map(([name, count]) => (
            <option key={name} value={`=${name}`}>
              {t('imports.problems.optionCount', { label: sheetText(name), count })}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('imports.problems.filterType')}
          value={type ?? '*'}
          onChange={(e) => {
            setType(e.target.value === '*' ? null : e.target.value);
            setLimit(STEP);
          }}
        >
          <option value="*">{t('imports.problems.all')}</option>
          {types.map(([code, count]) => (
            <option key={code} value={code}>
              {t('imports.problems.optionCount', { label: problemTypeText(code), count })}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('imports.problems.filterText')}
          type="search"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setLimit(STEP);
          }}
        />
        <div className="field checkbox-field">
          <label>
            <input type="checkbox" checked={grouped} onChange={(e) => setGrouped(e.target.checked)} />{' '}
            {t('imports.problems.group')}
          </label>
        </div>
      </div>
      <p aria-live="polite" className="hint">
        {t('imports.problems.shown', { shown: visible.length, total: shown.length })}
      </p>
      <div className="table-wrap">
        <table>
          <caption>{t('imports.problems.caption')}</caption>
          <thead>
            <tr>
              {COLUMNS.map((column) => {
                const active = sort?.key === column.key;
                return (
                  <th
                    key={column.key}
                    scope="col"
                    className={column.numeric ? 'number' : undefined}
                    aria-sort={active ? sort.direction : undefined}
                  >
                    <button type="button" onClick={() => sortBy(column.key)}>
                      {t(column.label)}
                      <span aria-hidden="true" className="sort-mark">
                        {active ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ' ↕'}
                      </span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          {groups.map((group, i) => (
            <tbody key={grouped ? group.code : i}>
              {grouped && (
                <tr className="group-heading">
                  <th scope="rowgroup" colSpan={COLUMNS.length}>
                    {t('imports.problems.groupHeading', {
                      label: problemTypeText(group.code),
                      count: groupSizes.get(group.code) ?? 0,
                    })}
                  </th>
                </tr>
              )}
              {group.rows.map(({ index, problem, message }) => (
                <tr key={index}>
                  <td>{sheetText(problem.sheet)}</td>
                  <td className="number">{problem.row > 0 ? problem.row : t('imports.problems.notApplicable')}</td>
                  <td>{problem.column ?? t('imports.problems.notApplicable')}</td>
                  <td>{message}</td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </div>
      {shown.length === 0 && <p>{t('imports.problems.none')}</p>}
      {shown.length > visible.length && (
        <button type="button" onClick={() => setLimit((n) => n + STEP)}>
          {t('imports.problems.showMore', { count: Math.min(STEP, shown.length - visible.length) })}
        </button>
      )}
    </div>
  );
}
