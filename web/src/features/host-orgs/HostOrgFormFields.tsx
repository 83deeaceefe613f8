import { AutoComplete, Col, Divider, Form, Input, InputNumber, Row, Select } from 'antd';
import { HOST_ORG_TYPES, INDUSTRIES, SIZE_CLASSES, hostOrgCreateBody } from '@touyan/schemas';
import { RegionPicker } from '../../components/RegionPicker';
import { useZodRule } from '../../components/forms';
import { useDictOptions, useT } from '../../i18n';
import { usePermissions } from '../auth/hooks';
import { PartyOrgTreeSelect } from '../party-orgs/PartyOrgTreeSelect';
import { useInstructors, useParks, useSpecialists } from './hooks';

const shape = hostOrgCreateBody.shape;

/** The fields of the host organisation form; `name` of each Form.Item is the schema key. */
export function HostOrgFormFields() {
  const t = useT();
  const can = usePermissions();
  const options = useDictOptions();
  const zodRule = useZodRule();
  const parks = useParks();
  const instructors = useInstructors(can('instructor.read'));
  const specialists = useSpecialists(can('user.read'));
  const half = { xs: 24, sm: 12 };

  return (
    <>
      <Divider orientation="left" orientationMargin={0} plain>
        {t('hostOrgs.basic')}
      </Divider>
      <Form.Item name="name" label={t('hostOrgs.name')} required rules={[zodRule(shape.name)]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item
        name="creditCode"
        label={t('hostOrgs.creditCode')}
        required
        extra={t('hostOrgs.creditCodeHint')}
        validateTrigger={['onBlur']}
        rules={[zodRule(shape.creditCode)]}
      >
        <Input maxLength={18} className="ty-mono" autoComplete="off" style={{ textTransform: 'uppercase' }} />
      </Form.Item>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="type" label={t('hostOrgs.type')} required rules={[zodRule(shape.type)]}>
            <Select options={options(HOST_ORG_TYPES)} placeholder={t('common.selectHint')} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="industry" label={t('hostOrgs.industry')} required rules={[zodRule(shape.industry)]}>
            <Select
              options={options(INDUSTRIES)}
              placeholder={t('common.selectHint')}
              showSearch
              optionFilterProp="label"
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="sizeClass" label={t('hostOrgs.sizeClass')} required rules={[zodRule(shape.sizeClass)]}>
            <Select options={options(SIZE_CLASSES)} placeholder={t('common.selectHint')} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="regionCode" label={t('hostOrgs.region')} required rules={[zodRule(shape.regionCode)]}>
            <RegionPicker />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="park" label={t('hostOrgs.park')} rules={[zodRule(shape.park)]}>
            <AutoComplete
              options={(parks.data ?? []).map((p) => ({ value: p }))}
              filterOption={(input, opt) => String(opt?.value ?? '').includes(input)}
              maxLength={60}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="address" label={t('hostOrgs.address')} rules={[zodRule(shape.address)]}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="staffCount" label={t('hostOrgs.staffCount')} required rules={[zodRule(shape.staffCount)]}>
            <InputNumber min={0} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="partyMemberCount"
            label={t('hostOrgs.partyMemberCount')}
            required
            rules={[zodRule(shape.partyMemberCount)]}
          >
            <InputNumber min={0} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Divider orientation="left" orientationMargin={0} plain>
        {t('hostOrgs.coverageSection')}
      </Divider>
      <Form.Item
        name="managingOrgId"
        label={t('hostOrgs.managingOrg')}
        extra={t('hostOrgs.managingOrgHint')}
        required
        rules={[zodRule(shape.managingOrgId)]}
      >
        <PartyOrgTreeSelect />
      </Form.Item>
      <Form.Item name="partyOrgId" label={t('hostOrgs.partyOrg')} extra={t('hostOrgs.partyOrgHint')}>
        <PartyOrgTreeSelect />
      </Form.Item>
      <Row gutter={16}>
        {can('instructor.read') && (
          <Col {...half}>
            <Form.Item name="instructorId" label={t('hostOrgs.instructor')} extra={t('hostOrgs.instructorHint')}>
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                loading={instructors.isPending}
                placeholder={t('common.selectHint')}
                options={(instructors.data ?? []).map((i) => ({
                  value: i.id,
                  label: `${i.name}（${i.partyOrgName}）`,
                }))}
              />
            </Form.Item>
          </Col>
        )}
        {can('user.read') && (
          <Col {...half}>
            <Form.Item name="specialistUserId" label={t('hostOrgs.specialist')}>
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                loading={specialists.isPending}
                placeholder={t('common.selectHint')}
                options={(specialists.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
              />
            </Form.Item>
          </Col>
        )}
      </Row>
    </>
  );
}
