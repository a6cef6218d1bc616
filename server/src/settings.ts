import type { Connection } from 'vscode-languageserver';
import { defaultSettings, SETTINGS_SECTION, withDefaults, type Settings } from './protocol';

/**
 * Per-resource settings pulled with workspace/configuration (scopeUri), one cached promise per uri,
 * cleared on didChangeConfiguration and dropped when the document closes. Never a global.
 * Clients that cannot be asked (Neovim 0.7 does not declare workspace/configuration) push their
 * settings with didChangeConfiguration instead: those apply to every document.
 */
export class SettingsCache {
  private readonly cache = new Map<string, Promise<Settings>>();
  supported = false;
  private pushed: Settings = defaultSettings;

  constructor(private readonly connection: Connection) {}

  get(uri: string): Promise<Settings> {
    if (!this.supported) return Promise.resolve(this.pushed);
    let settings = this.cache.get(uri);
    if (!settings) {
      settings = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION })
        .then(withDefaults, () => defaultSettings);
      this.cache.set(uri, settings);
    }
    return settings;
  }

  /** `settings` of a didChangeConfiguration notification: `{ dockerfileStages: {...} }`, used when pulling is not supported. */
  push(settings: unknown): void {
    const section = settings && typeof settings === 'object' ? (settings as Record<string, unknown>)[SETTINGS_SECTION] : undefined;
    if (section !== undefined) this.pushed = withDefaults(section);
  }

  clear(): void {
    this.cache.clear();
  }

  delete(uri: string): void {
    this.cache.delete(uri);
  }
}
