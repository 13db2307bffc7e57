import { ParsedUpload } from 'src/imports/parsing/import-rows';
import { ParserProgress, UploadPipeline } from 'src/imports/writing/upload-pipeline';
import { UploadWriter } from 'src/imports/writing/upload-writer';

/** A writer that records the statements it is sent, in order. */
function recordingWriter(): { writer: UploadWriter; sent: string[] } {
  const sent: string[] = [];
  const record = (name: string) => (rows?: unknown) => {
    sent.push(Array.isArray(rows) ? `${name} ${rows.length}` : name);
    return Promise.resolve();
  };
  const writer = {
    stageCases: record('stage cases'),
    resolveCases: record('resolve cases'),
    writeCases: record('write cases'),
    writeVictims: record('write victims'),
    writeDefendants: record('write defendants'),
    stageProsecutions: record('stage prosecutions'),
    writeProsecutions: record('write prosecutions'),
  } as unknown as UploadWriter;
  return { writer, sent };
}

/** A parser that has read a Cases sheet of `cases` rows, with nothing wrong in them. */
function casesRead(cases: number): ParserProgress {
  const parsed = {
    cases: Array.from({ length: cases }, (_, i) => ({ key: `case ${i}` })),
    victims: [],
    defendants: [],
    prosecutions: [],
  } as unknown as ParsedUpload;
  return { parsed, sheetsDone: new Set(['Cases']), errors: [], isFileCase: () => true };
}

describe('UploadPipeline', () => {
  it('writes the cases of a file as they are read, up to its number of cases', async () => {
    const { writer, sent } = recordingWriter();
    const pipeline = new UploadPipeline(writer, false, 5);
    expect(await pipeline.finish(casesRead(5))).toBeNull();
    expect(sent).toEqual(['stage cases 5', 'write cases']);
  });

  it('writes nothing of a file of more cases, and asks for it to be read again validated first', async () => {
    const { writer, sent } = recordingWriter();
    const pipeline = new UploadPipeline(writer, false, 5);
    const failure = await pipeline.finish(casesRead(6));
    expect(failure?.message).toBe('more cases than are written as they are read');
    expect(sent).toEqual([]);
  });

  it('validated first, writes a file of more cases once it has been checked', async () => {
    const { writer, sent } = recordingWriter();
    const pipeline = new UploadPipeline(writer, true, 5);
    expect(await pipeline.finish(casesRead(6))).toBeNull();
    expect(sent).toEqual(['stage cases 6']);
    await pipeline.writeWaiting();
    expect(sent).toEqual(['stage cases 6', 'write cases']);
  });
});
