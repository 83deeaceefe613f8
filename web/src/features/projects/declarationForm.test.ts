import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import type { DeclarationContent } from '@touyan/schemas';
import { fakeForm } from '../../test/fakeForm';
import {
  applyDeclarationErrors,
  clearTouchedErrors,
  parseDeclaration,
  toContentInput,
  toFormValues,
  type DeclarationFormValues,
} from './declarationForm';

const CONTENT: DeclarationContent = {
  title: '快递小哥暖心驿站',
  theme: 'care',
  targetGroup: 'new_workers',
  problem: '外卖快递骑手休息难',
  challengeId: null,
  reachCount: 300,
  reachUnit: '人',
  reachRationale: '全区骑手登记数',
  objectives: '建成 5 个驿站',
  measures: '联合物业开放休息点',
  milestones: [{ name: '选址', dueDate: '2025-05-31' }],
  indicators: [
    {
      name: '驿站数',
      unit: '个',
      baseline: 0,
      target: 5,
      figure: null,
      figureFrom: null,
      figureTo: null,
      figureOrgId: null,
    },
    {
      name: '走访企业',
      unit: '家',
      baseline: 0,
      target: 91,
      figure: 'visits.firms_visited',
      figureFrom: '2025-03-01',
      figureTo: null,
      figureOrgId: '01JORG0000000000000000000A',
    },
  ],
  team: [{ name: '王书记', role: '负责人', userId: null }],
  partners: ['顺丰振兴营业部'],
  fundingFen: 1234550,
  fundingSource: '党费返还',
  attachmentIds: [],
};

describe('the declaration form’s values and the declaration content', () => {
  it('round-trips a saved declaration: money shown in yuan and saved in fen, dates as calendar dates', () => {
    const values = toFormValues(CONTENT);
    expect(values.fundingYuan).toBe(12345.5);
    expect(values.milestones?.[0]?.dueDate?.format('YYYY-MM-DD')).toBe('2025-05-31');
    const { form } = fakeForm();
    expect(parseDeclaration(toContentInput(values, null), form, 'zh-CN')).toEqual(CONTENT);
  });

  it('drops the rows the user left completely empty and the blank partners, rounds yuan to whole fen', () => {
    const values: DeclarationFormValues = {
      ...toFormValues(CONTENT),
      milestones: [
        { name: '', dueDate: null },
        { name: '建成', dueDate: dayjs('2025-09-30') },
      ],
      indicators: [{ name: ' ', unit: '', baseline: null, target: null }],
      team: [{ name: '', role: '', userId: null }],
      partners: ['  ', ' 社区 '],
      fundingYuan: 0.105,
    };
    const input = toContentInput(values, 'challenge001');
    expect(input).toMatchObject({
      milestones: [{ name: '建成', dueDate: '2025-09-30' }],
      indicators: [],
      team: [],
      partners: ['社区'],
      fundingFen: 11,
      challengeId: 'challenge001',
    });
  });

  it('a new declaration starts with empty lists, and no funding stays no funding', () => {
    const values = toFormValues(null);
    expect(values).toEqual({ milestones: [], indicators: [], team: [], partners: [], attachmentIds: [] });
    expect(toContentInput(values, null)).toMatchObject({ fundingFen: null, title: undefined });
  });
});

describe('declaration messages under the fields', () => {
  it('puts each problem under its own field — a row’s cell keeps its row — and scrolls to the first', () => {
    const { form, messages, scrollToField } = fakeForm();
    const values: DeclarationFormValues = {
      ...toFormValues(CONTENT),
      title: '   ',
      milestones: [{ name: '选址', dueDate: null }],
      indicators: [{ name: '驿站数', unit: '个', baseline: 0, target: -1 }],
    };
    expect(parseDeclaration(toContentInput(values, null), form, 'zh-CN')).toBeNull();
    expect(messages()).toEqual({
      title: '必填',
      'milestones.0.dueDate': '必填',
      'indicators.0.target': '格式不正确',
    });
    expect(scrollToField).toHaveBeenCalledWith(['title'], { block: 'center' });
  });

  it('shows the server’s field messages where the user typed them: fen under the yuan input, list items under the list', () => {
    const { form, messages } = fakeForm();
    expect(
      applyDeclarationErrors(
        form,
        { 'content.fundingFen': 'too_big', 'content.partners.1': 'too_long', 'content.team.0.name': '姓名重复' },
        'zh-CN',
      ),
    ).toBe(true);
    expect(messages()).toEqual({ fundingYuan: '数值过大', partners: '内容过长', 'team.0.name': '姓名重复' });
    expect(applyDeclarationErrors(form, {}, 'zh-CN')).toBe(false);
  });

  it('clears a message once the user edits that field, and leaves the others', () => {
    const { form, messages } = fakeForm([
      { name: ['title'], errors: ['必填'] },
      { name: ['milestones', 0, 'dueDate'], errors: ['必填'] },
      { name: ['milestones', 1, 'name'], errors: ['必填'] },
    ]);
    // antd reports a change inside a list sparsely: only the touched row is set.
    clearTouchedErrors(form, { milestones: [undefined, { name: '验收' }] });
    expect(messages()).toEqual({ title: '必填', 'milestones.0.dueDate': '必填' });
    clearTouchedErrors(form, { title: '快递小哥暖心驿站' });
    expect(messages()).toEqual({ 'milestones.0.dueDate': '必填' });
  });
});
