import { reachDatabase } from './service-database.module';

describe('reachDatabase', () => {
  const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

  it('tries again until Postgres answers, warning each time', async () => {
    const query = jest.fn().mockRejectedValueOnce(refused()).mockRejectedValueOnce(refused()).mockResolvedValue([{ '?column?': 1 }]);
    const warnings: string[] = [];
    await reachDatabase({ query }, (m) => warnings.push(m), 5, 1);
    expect(query).toHaveBeenCalledTimes(3);
    expect(warnings).toEqual([expect.stringMatching(/not reachable.*ECONNREFUSED.*\(1\/5\)/), expect.stringMatching(/\(2\/5\)/)]);
  });

  it('gives up after the last attempt with the last error', async () => {
    const query = jest.fn().mockRejectedValue(refused());
    await expect(reachDatabase({ query }, () => undefined, 3, 1)).rejects.toThrow('ECONNREFUSED');
    expect(query).toHaveBeenCalledTimes(3);
  });
});
