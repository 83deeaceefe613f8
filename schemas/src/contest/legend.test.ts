import { describe, expect, it } from 'vitest';
import { legend } from './legend';
import { DEFAULT_RUBRIC } from './rubric';

const text = (...args: Parameters<typeof legend>) => legend(...args).join('\n');

describe('legend', () => {
  it('explains the default (trimmed mean, N = 5, thresholds) in Chinese and English', () => {
    const zh = text({}, 'zh-CN');
    expect(zh).toContain('有效评委5人及以上时，去掉一个最高分和一个最低分后取算术平均；不足5人时取全部总分的算术平均');
    expect(zh).toContain('同分按评委编号先后');
    expect(zh).toContain('最终得分90分及以上为好，80分及以上为较好，60分及以上为一般，60分以下为差');
    expect(zh).toContain('排名和定等按显示的两位小数比较');
    expect(zh).toContain('并列占用名次（如1、2、2、4）');
    expect(zh).toContain('最终得分即现场得分');
    const en = text({}, 'en');
    expect(en).toContain('with 5 or more eligible judges, the single highest and single lowest totals are dropped');
    expect(en).toContain('好 (good) from 90');
  });
  it('lists the rubric and its weights when given', () => {
    expect(text({}, 'zh-CN', DEFAULT_RUBRIC)).toContain(
      '评分细则：选题精准20分（20%）、攻坚成效40分（40%）、示范带动20分（20%）、汇报表现20分（20%），满分100分',
    );
    expect(text({}, 'en', DEFAULT_RUBRIC)).toContain('攻坚成效 40 (40%)');
  });
  it('explains z-score normalisation, its guards and the population standard deviation', () => {
    const zh = text({ method: 'zscore' }, 'zh-CN');
    expect(zh).toContain('评分不少于3个项目且所打总分不全相同的评委');
    expect(zh).toContain('标准差按总体计算，即除以n');
    expect(zh).toContain('所打总分全部相同的评委不作校正，按原始总分计，并予标注');
    expect(text({ method: 'zscore', zMinProjects: 4 }, 'en')).toContain('fewer than 4 projects');
  });
  it('states the daily-work share and its points, with clean percentages', () => {
    const dailyWork = { enabled: true, weight: 0.07, points: { on_track: 100, lagging: 70, at_risk: 40 } };
    const zh = text({ dailyWork }, 'zh-CN');
    expect(zh).toContain('进展顺利100分、进度滞后70分、存在风险40分');
    expect(zh).toContain('最终得分 = 现场得分 × 93% + 日常工作得分 × 7%'); // not 7.000000000000001%
    expect(zh).toContain('没有季度评定的项目只计现场得分');
    expect(zh).toContain('日常工作得分高者在前（无季度评定者在后）');
  });
  it('states cumulative quotas and the boundary-tie rule', () => {
    const grading = { mode: 'quotas' as const, quotas: { good: 0.3, fair: 0.4, average: 0.2 } };
    const zh = text({ grading }, 'zh-CN');
    expect(zh).toContain('好不超过参评项目数的30%，好和较好合计不超过70%，好、较好和一般合计不超过90%');
    expect(zh).toContain('并列项目一起超出比例时，一律定为较低等次');
    expect(text({ grading }, 'en')).toContain('the whole group takes the lower grade');
  });
});
