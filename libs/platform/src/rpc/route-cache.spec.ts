import { RouteCache } from './route-cache';

describe('RouteCache', () => {
  it('computes a route once per handled pattern and never keeps unknown ones', () => {
    const cache = new RouteCache();
    const compute = jest.fn((pattern: string) => `route:${pattern}`);
    const handled = (route: string) => route === 'route:orders.purchase';
    expect(cache.route('orders.purchase', compute, handled)).toBe('route:orders.purchase');
    expect(cache.route('orders.purchase', compute, handled)).toBe('route:orders.purchase');
    expect(compute).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 100; i++) expect(cache.route(`made-up.${i}`, compute, handled)).toBe(`route:made-up.${i}`);
    expect(cache.size).toBe(1);
  });
});
