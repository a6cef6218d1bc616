import type { Connection } from 'vscode-languageserver';
import { defaultSettings, withDefaults, type Settings } from './protocol';

/**
 * Per-resource settings pulled with workspace/configuration (scopeUri), one cached promise per uri,
 * cleared on didChangeConfiguration and dropped when the document closes. Never a global.
 */
export class SettingsCache {
  private readonly cache = new Map<string, Promise<Settings>>();
  supported = false;

  constructor(private readonly connection: Connection) {}

  get(uri: string): Promise<Settings> {
    if (!this.supported) return Promise.resolve(defaultSettings);
    let settings = this.cache.get(uri);
    if (!settings) {
      settings = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'dockerfileStages' })
        .then(withDefaults, () => defaultSettings);
      this.cache.set(uri, settings);
    }
    return settings;
  }

  clear(): void {
    this.cache.clear();
  }

  delete(uri: string): void {
    this.cache.delete(uri);
  }
}
