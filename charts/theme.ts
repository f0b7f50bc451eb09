import type { Theme } from './types.ts';

/** The one family we ship (Noto Sans JP covers Latin and Japanese); resvg gets its files in fonts.ts. */
export const FONT_FAMILY = 'Noto Sans JP';

export interface Colours {
  background: string;
  text: string;
  muted: string;
  grid: string;
  domain: string;
  /** Series colours, Okabe–Ito: distinguishable with the common colour-vision deficiencies. */
  series: readonly string[];
  /** Losses (stress contributions below zero). Okabe–Ito vermillion, never paired with a red/green cue. */
  negative: string;
  /** Heat-map cells at 0, 0.5 and 1: pale, the series blue, its strongest shade. */
  heatLow: string;
  heatMid: string;
  heatHigh: string;
  /** Figures printed on strong heat-map cells. */
  heatInk: string;
}

/**
 * Light and dark colours. Okabe–Ito order differs by theme: the dark blue #0072B2 is the
 * strongest first colour on white but too dim on a dark background, where sky blue leads.
 */
export const THEMES: Record<Theme, Colours> = {
  light: {
    background: '#ffffff',
    text: '#1d1d1f',
    muted: '#5f6368',
    grid: '#e3e5e8',
    domain: '#9aa0a6',
    series: ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00'],
    negative: '#D55E00',
    heatLow: '#f2f7fb',
    heatMid: '#56B4E9',
    heatHigh: '#00446b',
    heatInk: '#ffffff',
  },
  dark: {
    background: '#1f2124',
    text: '#ececec',
    muted: '#a4a8ae',
    grid: '#363a40',
    domain: '#6b7078',
    series: ['#56B4E9', '#E69F00', '#009E73', '#CC79A7', '#F0E442', '#D55E00'],
    negative: '#D55E00',
    heatLow: '#262c33',
    heatMid: '#2f79a6',
    heatHigh: '#8fd0f5',
    heatInk: '#10181f',
  },
};
