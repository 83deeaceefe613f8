import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { loginBody, type LoginBody } from '@touyan/schemas';
import { isApiError } from '../../api/client';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { Logo } from '../../components/Logo';
import { useZodRule } from '../../components/forms';
import { hasSavedLocale, useLocale, useT } from '../../i18n';
import { useLogin, useMe, useSaveLocale } from './hooks';

function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export default function LoginPage() {
  const t = useT();
  const [locale, setLocale] = useLocale();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const login = useLogin();
  const saveLocale = useSaveLocale();
  const zodRule = useZodRule();
  const [error, setError] = useState<string | null>(null);
  const next = safeNext(params.get('next'));

  if (me && !login.isPending && !login.isSuccess) return <Navigate to={next} replace />;

  const onFinish = (values: LoginBody) => {
    setError(null);
    login.mutate(values, {
      onSuccess: (user) => {
        // A language chosen on this device wins; otherwise take the one saved with the account.
        if (user.locale !== locale) {
          if (hasSavedLocale()) saveLocale.mutate(locale);
          else setLocale(user.locale);
        }
        navigate(next, { replace: true });
      },
      onError: (e) => setError(isApiError(e) ? e.message : t('login.failed')),
    });
  };

  return (
    <div className="ty-login-bg">
      <div className="ty-login-lang">
        <LanguageSwitch />
      </div>
      <main className="ty-login-wrap">
        <div className="ty-login-brand">
          <Logo />
        </div>
        <Card className="ty-login-card" variant="borderless">
          <Typography.Title level={4} className="ty-login-title">
            {t('login.title')}
          </Typography.Title>
          <Form<LoginBody> name="login" layout="vertical" requiredMark={false} onFinish={onFinish} size="large">
            <Form.Item name="login" label={t('login.login')} rules={[zodRule(loginBody.shape.login)]}>
              <Input
                prefix={<UserOutlined />}
                placeholder={t('login.loginPlaceholder')}
                autoComplete="username"
                autoFocus
              />
            </Form.Item>
            <Form.Item name="password" label={t('login.password')} rules={[zodRule(loginBody.shape.password)]}>
              <Input.Password
                prefix={<LockOutlined />}
                placeholder={t('login.passwordPlaceholder')}
                autoComplete="current-password"
              />
            </Form.Item>
            {error && (
              <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="login-error" />
            )}
            <Button type="primary" htmlType="submit" block loading={login.isPending}>
              {t('login.submit')}
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" className="ty-login-notice">
            {t('login.notice')}
          </Typography.Paragraph>
        </Card>
        <div className="ty-login-footer">{t('app.footer')}</div>
      </main>
    </div>
  );
}
