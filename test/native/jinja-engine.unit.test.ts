import { describe, expect, it } from 'vitest';
import { NativeInstance } from '../../src/native/native-instance';

describe('Jinja in YAML models', () => {
  const engine = () => new NativeInstance().newJinjaEngine({ filters: {}, workers: 1 });

  it('renders loops and variables of the compile context', async () => {
    const jinja = engine();
    jinja.loadTemplate('cubes/by_category.yml', '{% for n in [1, 2] %}- stat_{{ n }}: {{ COMPILE_CONTEXT.tenant }}\n{% endfor %}');
    await expect(jinja.renderTemplate('cubes/by_category.yml', { COMPILE_CONTEXT: { tenant: 'main' } }, {}))
      .resolves.toBe('- stat_1: main\n- stat_2: main\n');
  });

  it('names the file when a template does not parse', async () => {
    const jinja = engine();
    jinja.loadTemplate('cubes/broken.yml', '{% for x in %}');
    await expect(jinja.renderTemplate('cubes/broken.yml', {}, {})).rejects.toThrow('cubes/broken.yml');
  });

  it('refuses Python functions, naming the file and the Rust module', async () => {
    const jinja = engine();
    jinja.loadTemplate('cubes/py.yml', '{{ load() }}');
    await expect(jinja.renderTemplate('cubes/py.yml', {}, { load: () => 1 })).rejects.toThrow(/cubes\/py\.yml.*Rust module/);
  });

  it('refuses Python models with the feature named', async () => {
    await expect(new NativeInstance().loadPythonContext('globals.py', '')).rejects.toThrow('Python in the data model (globals.py)');
  });
});
