import fc from "fast-check";

/**
 * Every property runs with one seed, which fast-check prints when a property fails
 * ("{ seed: 42, path: ... }"). The default keeps CI reproducible; FC_SEED=<n> npm test explores
 * other cases or replays a failure.
 */
const seed = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : 42;
fc.configureGlobal({ seed });
