import { readFileSync } from 'node:fs';
import { createAgentStore } from '../../functions/core/agents.js';
import { createHoursStore } from '../../functions/core/hours/hours-store.js';
import { HoursConfigError } from '../../functions/core/hours/hours-config.js';
import { openStorage } from '../../functions/local/local-storage.js';
import { CliError } from './cli-error.js';

/** `agents add NAME`: creates an agent and prints its token (shown once). */
export async function addAgent(name: string) {
  const storage = await openStorage(process.env);
  try {
    const { agent, token } = await createAgentStore(storage.db).add(name);
    console.log(
      `agent ${agent.name} (${agent.id}) created; sign in to the agent console with this token:\n${token}`,
    );
  } finally {
    await storage.close();
  }
}

/** `agents list`. */
export async function listAgents() {
  const storage = await openStorage(process.env);
  try {
    for (const agent of await createAgentStore(storage.db).list()) console.log(`${agent.id}  ${agent.name}`);
  } finally {
    await storage.close();
  }
}

/** `hours set FILE`: validates and stores the staffed hours. */
export async function setHours(file: string) {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CliError(`cannot read ${file} as JSON: ${(error as Error).message}`);
  }
  const storage = await openStorage(process.env);
  try {
    const config = await createHoursStore(storage.db).set(json);
    console.log(`staffed hours set (time zone ${config.timeZone})`);
  } catch (error) {
    if (error instanceof HoursConfigError) throw new CliError(`${file} was not applied:\n${error.message}`);
    throw error;
  } finally {
    await storage.close();
  }
}
