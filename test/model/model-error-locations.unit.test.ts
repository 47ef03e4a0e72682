import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyModelFolder } from '../dashboard/model-folder-copy';

const ROOT = join(__dirname, '..', '..');

interface PlacedModelError {
  readonly fileName: string;
  readonly line: number;
  readonly message: string;
}

/** npm run validate on `folder`, as an analyst runs it (in a process of its own, as Cube's compiler wants): its file:line: message lines. */
async function validate(folder: string): Promise<PlacedModelError[]> {
  const result = await promisify(execFile)(join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/validate.ts', folder], { cwd: ROOT, maxBuffer: 16 << 20 })
    .then(({ stderr }) => stderr, (error: { stderr?: string }) => error.stderr ?? '');
  return result.split('\n').flatMap((line) => {
    const match = /^(?:\.model-test-\w+\/)?(.*?):(\d+): (.*)$/.exec(line);
    return match ? [{ fileName: match[1]!, line: Number(match[2]), message: match[3]! }] : [];
  });
}

// An analyst's own YAML views with the mistakes people make; every error must name the file and the line.
let model: ReturnType<typeof copyModelFolder>;
let errors: PlacedModelError[];

beforeAll(async () => {
  model = copyModelFolder();
  // Line 2 names the view; it has no campus_code, which the dashboard group's rows are limited by.
  model.write('views/without_campus.yml', ['views:', '  - name: without_campus', '    cubes:', '      - join_path: user_details', '        includes:', '          - user_group', '          - count', ''].join('\n'));
  // Line 5: includes "*".
  model.write('views/every_member.yml', ['views:', '  - name: every_member', '    cubes:', '      - join_path: user_details', '        includes: "*"', ''].join('\n'));
  // Line 6: the next two items are indented under the first, so YAML reads one member "user_group - campus_code - count".
  model.write('views/indentation_slip.yml', ['views:', '  - name: indentation_slip', '    cubes:', '      - join_path: user_details', '        includes:', '          - user_group', '            - campus_code', '            - count', ''].join('\n'));
  errors = await validate(model.name);
}, 120_000);

afterAll(() => model?.remove());

function at(fileName: string): PlacedModelError[] {
  return errors.filter((error) => error.fileName === fileName);
}

describe('model errors carry file:line', () => {
  it('every error names a file and a line', () => {
    expect(errors.length).toBeGreaterThanOrEqual(3);
    for (const error of errors) {
      expect(error.fileName, error.message).not.toBe('');
      expect(error.line, error.message).toBeGreaterThan(0);
    }
  });

  it('the campus rule points at the view without campus_code and says what to add', () => {
    const [error] = at('views/without_campus.yml');
    expect(error).toMatchObject({ line: 2 });
    expect(error?.message).toMatch(/view without_campus does not include campus_code: .*Add campus_code to the view's includes/);
  });

  it('the "*" rule points at the include', () => {
    const [error] = at('views/every_member.yml');
    expect(error).toMatchObject({ line: 5 });
    expect(error?.message).toContain('view every_member includes "*"');
  });

  it('an indentation slip that makes one member of a list is caught and located', () => {
    const slip = at('views/indentation_slip.yml').find((error) => error.message.includes('reads as one member'));
    expect(slip).toMatchObject({ line: 6 });
    expect(slip?.message).toContain('"user_group - campus_code - count"');
  });
});
