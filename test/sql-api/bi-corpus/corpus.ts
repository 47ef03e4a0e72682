import type { CorpusStatement } from './corpus-statement';
import { dbeaver } from './dbeaver';
import { excelPowerQuery } from './excel-power-query';
import { grafana } from './grafana';
import { hexMode } from './hex-mode';
import { holistics } from './holistics';
import { lookerStudio } from './looker-studio';
import { metabase } from './metabase';
import { powerBi } from './power-bi';
import { quicksight } from './quicksight';
import { sigma } from './sigma';
import { superset } from './superset';
import { tableau } from './tableau';
import { thoughtspot } from './thoughtspot';

/** The whole corpus, tool by tool, in the order of TOOLS. */
export const corpus: readonly CorpusStatement[] = [
  ...tableau, ...powerBi, ...metabase, ...superset, ...lookerStudio, ...excelPowerQuery, ...grafana,
  ...dbeaver, ...hexMode, ...thoughtspot, ...sigma, ...quicksight, ...holistics,
];
