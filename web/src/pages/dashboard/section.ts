import type { DashboardState, DashboardView, StatisticsParams } from './filters';

/** What every section of the dashboard is given. */
export interface SectionProps {
  state: DashboardState;
  /** The statistics parameters of the filters (a focal person's jurisdiction left to the service). */
  params: StatisticsParams;
  /** Changes how a chart shows its figures (a step in the browser's history). */
  setView: (change: Partial<DashboardView>) => void;
  /** The files' names begin with this: `tip-dashboard-<from>-<to>`. */
  filePrefix: string;
}
