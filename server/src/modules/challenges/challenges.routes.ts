import type { FastifyInstance } from 'fastify';
import { challengesApi as api } from '@touyan/schemas/api';
import { defineRoute } from '../../core/route';
import type { Services } from '../../services';

const tags = ['难题揭榜 challenge board'];
const readScope = '能看到所属活动的用户均可查看其难题榜（发起社工部节点的上级、本级和下级）';
const writeScope = '可编辑所属活动的社工部工作人员（发起节点及其上级）';
const claimScope = '书记本人绑定、位于活动范围内且类型符合申报条件的党组织；难题须待揭榜且未过截止日期';

export function challengesRoutes(app: FastifyInstance, { challenges }: Services) {
  defineRoute(app, api.list, {
    permission: 'challenge.read',
    scope: readScope,
    tags,
    summary: '难题榜（按状态、活动、选题、服务对象、地区、关键词筛选，键集分页，附各状态数量）',
    handler: ({ query, ctx }) => challenges.list(ctx, query),
  });
  defineRoute(app, api.get, {
    permission: 'challenge.read',
    scope: readScope,
    tags,
    summary: '难题详情',
    handler: ({ params, ctx }) => challenges.get(ctx, params.id),
  });
  defineRoute(app, api.create, {
    permission: 'challenge.write',
    scope: writeScope,
    tags,
    summary: '发布难题（选题须在活动选题范围内）',
    handler: ({ body, ctx }) => challenges.create(ctx, body),
  });
  defineRoute(app, api.fromDemands, {
    permission: 'challenge.write',
    scope: `${writeScope}；所选诉求须由其管辖（企业的管理党组织在其工作人员范围内）、尚未办结、未发布过，且同属活动范围内的一个县（区）`,
    tags,
    summary: '由一条或多条同类企业诉求发布难题（诉求作为难题依据，写入诉求时间线）',
    handler: ({ body, ctx }) => challenges.fromDemands(ctx, body),
  });
  defineRoute(app, api.attachDemands, {
    permission: 'challenge.write',
    scope: `${writeScope}；难题须待揭榜；所选诉求条件同上`,
    tags,
    summary: '将企业诉求补充为待揭榜难题的依据（带版本号）',
    handler: ({ params, body, ctx }) => challenges.attachDemands(ctx, params.id, body),
  });
  defineRoute(app, api.update, {
    permission: 'challenge.write',
    scope: writeScope,
    tags,
    summary: '修改待揭榜的难题（带版本号）',
    handler: ({ params, body, ctx }) => challenges.update(ctx, params.id, body),
  });
  defineRoute(app, api.claim, {
    permission: 'challenge.claim',
    scope: claimScope,
    tags,
    summary: '揭榜领题：生成关联该难题的申报书草稿',
    handler: ({ params, body, ctx }) => challenges.claim(ctx, params.id, body),
  });
}
