/**
 * Streets, towns and landmarks of 惠山区 a rider can pick when the phone gives no position (no online
 * maps on this network): names with their approximate coordinates.
 */
export const HUISHAN_PLACES: { name: string; lat: number; lng: number }[] = [
  { name: '惠山万达广场', lat: 31.6812, lng: 120.2036 },
  { name: '惠山区政府（惠山新城）', lat: 31.6826, lng: 120.2985 },
  { name: '无锡西站', lat: 31.6055, lng: 120.2262 },
  { name: '堰桥地铁站', lat: 31.6548, lng: 120.2829 },
  { name: '长安街道', lat: 31.682, lng: 120.298 },
  { name: '堰桥街道', lat: 31.655, lng: 120.282 },
  { name: '钱桥街道', lat: 31.602, lng: 120.224 },
  { name: '前洲街道', lat: 31.722, lng: 120.236 },
  { name: '玉祁街道', lat: 31.711, lng: 120.178 },
  { name: '洛社镇', lat: 31.652, lng: 120.162 },
  { name: '阳山镇', lat: 31.603, lng: 120.112 },
  { name: '西漳', lat: 31.6402, lng: 120.2682 },
  { name: '藕塘', lat: 31.6081, lng: 120.2507 },
  { name: '石塘湾', lat: 31.6689, lng: 120.2067 },
  { name: '阳山桃园', lat: 31.5951, lng: 120.0968 },
];
