import type { CorpusStatement } from './corpus-statement';
import { metabase } from './metabase';
import { powerBi } from './power-bi';
import { tableau } from './tableau';

/** The whole corpus, tool by tool. */
export const corpus: readonly CorpusStatement[] = [
  ...tableau, ...powerBi, ...metabase,
];
