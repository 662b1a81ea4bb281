import 'reflect-metadata';

type Class<T = unknown> = abstract new (...args: never[]) => T;

/** Marks a class for constructor injection; TypeScript then records its constructor's parameter types. */
export function Injectable(): ClassDecorator {
  return () => undefined;
}

/**
 * One per server: holds the process-wide parts (database, event bus, job queue, config) and creates each
 * service and resolver once, on first use, from the types of its constructor parameters. Several servers in
 * one process (as in tests) each have their own container, so nothing is shared between them by accident.
 */
export class Container {
  private readonly instances = new Map<Class, unknown>();

  register<T>(type: Class<T>, instance: T): this {
    this.instances.set(type, instance);
    return this;
  }

  get<T>(type: Class<T>): T {
    const existing = this.instances.get(type);
    if (existing) return existing as T;
    const params: Class[] = Reflect.getMetadata('design:paramtypes', type) ?? [];
    const args = params.map((param, i) => {
      if (!param || param === (Object as unknown)) {
        throw new Error(`${type.name}: constructor parameter ${i} has no injectable type`);
      }
      return this.get(param);
    });
    const instance = new (type as unknown as new (...a: unknown[]) => T)(...args);
    this.instances.set(type, instance);
    return instance;
  }
}
