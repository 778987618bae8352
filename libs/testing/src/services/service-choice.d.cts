export type TestService = 'postgres' | 'kafka' | 'clickhouse';

/** env: the service's variable; container: started by testcontainers; local: this machine's own service. */
export type ServicePath = 'env' | 'container' | 'local';

export interface ServiceChoice {
  service: TestService;
  variable: 'TEST_DATABASE_URL' | 'KAFKA_BROKERS' | 'CLICKHOUSE_URL';
  path: ServicePath;
  /** For the log: the variable's value, or what a container or the local path means. */
  where: string;
}

type Env = Readonly<Record<string, string | undefined>>;

export declare const SERVICES: ReadonlyArray<{ service: TestService; variable: ServiceChoice['variable']; local: string }>;

export declare function needsContainerRuntime(env: Env): boolean;

/** In SERVICES' order: postgres, kafka, clickhouse. */
export declare function chooseServices(env: Env, runtimeAnswers: boolean): ServiceChoice[];

export declare function describeChoice(choice: ServiceChoice): string;

export declare function probeContainerRuntime(options?: { timeoutMs?: number }): Promise<boolean>;
