/**
 * Workflow histories as JSON files. Uses @temporalio/proto's own (de)serialiser: the SDK's historyToJSON trips over
 * two copies of protobufjs in this install. Longs as strings, bytes as base64, enums as numbers: lossless both ways.
 */
import { temporal } from '@temporalio/proto';

type History = temporal.api.history.v1.IHistory;
const { History } = temporal.api.history.v1;

export function historyToFileJson(history: History): string {
  const object = History.toObject(History.fromObject(history as Record<string, unknown>), {
    longs: String,
    bytes: String,
    defaults: false,
  });
  return `${JSON.stringify(object, null, 1)}\n`;
}

export function historyFromFileJson(json: string): History {
  return History.fromObject(JSON.parse(json) as Record<string, unknown>);
}
