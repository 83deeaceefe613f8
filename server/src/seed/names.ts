import type { HostOrgType, Industry } from '@touyan/schemas';
import type { Rng } from './random';

// Fictional names only: common surnames with given-name characters, and invented company 字号.
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国志红海燕波宁春晓东梅鹏飞雪琳慧颖浩宇欣然凯晨思远嘉怡博文俊峰丹阳立新振兴晓光永红德胜';

export function personName(rng: Rng): string {
  const given = rng.chance(0.6) ? rng.pick([...GIVEN]) + rng.pick([...GIVEN]) : rng.pick([...GIVEN]);
  return rng.pick([...SURNAMES]) + given;
}

const BRAND_A = '恒鑫泰华瑞宏盛诚德嘉兴隆信达锦润安丰源正通华博远汇昌鼎';
const BRAND_B = '达泰宇和辉祥源航瑞昌利发晟茂联晖洋泽景鸿康顺成川峰';

export function brand(rng: Rng): string {
  return rng.pick([...BRAND_A]) + rng.pick([...BRAND_B]);
}

const FIRM_TRADES: Partial<Record<Industry, string[]>> = {
  C: ['纺织', '机械制造', '食品', '新材料', '电子科技', '汽车零部件', '精密铸造', '生物科技', '包装制品'],
  G: ['物流', '供应链管理', '快递服务', '冷链运输'],
  I: ['网络科技', '软件开发', '数据服务', '信息技术'],
  F: ['商贸', '电子商务', '农产品贸易'],
  H: ['餐饮管理', '酒店管理'],
  E: ['建设工程', '装饰工程'],
  L: ['人力资源', '企业管理咨询', '会展服务'],
  M: ['检测技术', '工程技术', '环保科技'],
};

const SOCIAL_NAMES: Record<'social_group' | 'foundation' | 'private_non_enterprise', string[]> = {
  social_group: [
    '个体劳动者协会',
    '物流行业协会',
    '快递行业协会',
    '电子商务协会',
    '律师协会',
    '餐饮行业协会',
    '志愿者协会',
  ],
  foundation: ['慈善基金会', '教育发展基金会'],
  private_non_enterprise: ['社会工作服务中心', '养老服务中心', '职业培训学校', '青少年活动中心', '心理咨询服务中心'],
};

export function hostOrgName(rng: Rng, place: string, type: HostOrgType): { name: string; industry: Industry } {
  if (type === 'social_group' || type === 'foundation' || type === 'private_non_enterprise') {
    const suffix = rng.pick(SOCIAL_NAMES[type]);
    const industry: Industry = type === 'private_non_enterprise' ? rng.pick(['P', 'Q', 'O'] as const) : 'S';
    return { name: `${place}${brand(rng)}${suffix}`, industry };
  }
  const industry: Industry =
    type === 'platform_enterprise' ? rng.pick(['I', 'G'] as const) : rng.pick(Object.keys(FIRM_TRADES) as Industry[]);
  const trade = rng.pick(FIRM_TRADES[industry]!);
  const form = rng.chance(0.8) ? '有限公司' : '股份有限公司';
  return { name: `${place}${brand(rng)}${trade}${form}`, industry };
}
