import { describe, expect, it } from 'vitest';
import type { ReportStatus, Role, SupervisionStatus, WorkflowActor } from '@touyan/schemas';
import { actorOf } from '../../core/policy.fixtures';
import type { ProjectFacts } from '../projects/projects.policy';
import { noticePolicy, reportPolicy, type ReportAction } from './execution.policy';

const approved = (as: WorkflowActor[]): ProjectFacts => ({ status: 'approved', as, team: as.includes('secretary') });
const SECRETARY = approved(['secretary']);
const STAFF = approved(['staff']);
const CLOSED: ProjectFacts = { status: 'completed', as: ['staff'], team: false };

describe('quarterly report abilities: role × report state × project', () => {
  const table: [Role, ProjectFacts, ReportStatus, boolean, ReportAction[]][] = [
    ['secretary', SECRETARY, 'pending', true, ['file']],
    ['secretary', SECRETARY, 'pending', false, []],
    ['secretary', SECRETARY, 'filed', true, []],
    ['staff', STAFF, 'pending', true, ['supervise']],
    ['staff', STAFF, 'filed', true, ['rate', 'supervise']],
    ['staff', CLOSED, 'rated', false, ['rate']],
    ['staff', approved([]), 'filed', true, []],
    ['member', approved([]), 'pending', true, []],
  ];
  it.each(table)('%s (project %j), report %s (window open: %s) may %j', (role, project, status, fileable, expected) => {
    expect(reportPolicy.abilities(actorOf(role), { project, status, fileable })).toEqual(expected);
  });
});

describe('supervision notice abilities: role × notice state', () => {
  const table: [Role, ProjectFacts, SupervisionStatus, string[]][] = [
    ['secretary', SECRETARY, 'open', ['answer']],
    ['secretary', SECRETARY, 'answered', []],
    ['staff', STAFF, 'open', ['close']],
    ['staff', STAFF, 'answered', ['close']],
    ['staff', STAFF, 'closed', []],
    ['member', approved([]), 'open', []],
  ];
  it.each(table)('%s (project %j) on a notice %s may %j', (role, project, status, expected) => {
    expect(noticePolicy.abilities(actorOf(role), { project, status })).toEqual(expected);
  });
});
