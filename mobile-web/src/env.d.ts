/// <reference types="svelte" />
/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** A tile server for maps, e.g. `https://tiles.example.cn/{z}/{x}/{y}.png`; unset means no tiles. */
  readonly VITE_MAP_TILE_URL?: string;
  readonly VITE_MAP_TILE_ATTRIBUTION?: string;
}
