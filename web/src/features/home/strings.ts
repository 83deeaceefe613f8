import { defineStrings } from '../../i18n/types';

export const homeStrings = defineStrings(
  {
    'home.welcome': '{name}，您好',
    'home.intro': '欢迎使用头雁平台。这里汇集新兴领域党组织、两新组织台账与书记项目工作。',
    'home.rolesLabel': '我的角色：',
    'home.bindings': '角色与所属组织',
    'home.role': '角色',
    'home.org': '所属组织',
    'home.hostOrg': '所属单位',
    'home.noRoles': '尚未分配角色，请联系管理员。',
    'home.shortcuts': '常用功能',
    'home.regions.desc': '行政区划层级与代码维护',
    'home.partyOrgs.desc': '党组织树、书记与党员数',
    'home.hostOrgs.desc': '两新组织台账与“两个覆盖”',
    'home.users.desc': '账号、角色与数据范围',
    'home.audit.desc': '关键操作留痕可追溯',
  },
  {
    'home.welcome': 'Hello, {name}',
    'home.intro':
      'Welcome to Touyan: Party organisations, the host-organisation ledger and secretary projects in one place.',
    'home.rolesLabel': 'My roles:',
    'home.bindings': 'Roles and organisations',
    'home.role': 'Role',
    'home.org': 'Organisation',
    'home.hostOrg': 'Unit',
    'home.noRoles': 'No role has been assigned yet; ask an administrator.',
    'home.shortcuts': 'Shortcuts',
    'home.regions.desc': 'Administrative divisions and codes',
    'home.partyOrgs.desc': 'Party organisation tree, secretaries, members',
    'home.hostOrgs.desc': 'Host organisation ledger and the two coverages',
    'home.users.desc': 'Accounts, roles and data scope',
    'home.audit.desc': 'Traceable record of key actions',
  },
);
