import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import type { LoginBody } from '@touyan/schemas';
import { isApiError } from '../../api/client';
import { LanguageSwitch } from '../../components/light/LanguageSwitch';
import { fieldError } from '../../components/light/fieldCheck';
import { EyeIcon, LockIcon, UserIcon } from '../../components/light/icons';
import { Alert, Button } from '../../components/light/ui';
import { Logo } from '../../components/Logo';
import { hasSavedLocale, useLocale, useT } from '../../i18n';
import { useLogin, useMe, useSaveLocale } from './hooks';

function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

/**
 * The server's login schema, with zod: loaded once the user starts typing (not with the page, which
 * stays light), and awaited on submit.
 */
let schemas: Promise<typeof import('@touyan/schemas/auth')> | null = null;
const loadSchemas = () => (schemas ??= import('@touyan/schemas/auth'));

type Field = keyof LoginBody;

/** The login page (light shell: no antd; the same field ids, labels and checks as before). */
export default function LoginPage() {
  const t = useT();
  const [locale, setLocale] = useLocale();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const login = useLogin();
  const saveLocale = useSaveLocale();
  const [values, setValues] = useState<LoginBody>({ login: '', password: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [showPassword, setShowPassword] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const next = safeNext(params.get('next'));

  if (me && !login.isPending && !login.isSuccess) return <Navigate to={next} replace />;

  const check = async (v: LoginBody) => {
    const { loginBody } = await loadSchemas();
    const found: Partial<Record<Field, string>> = {};
    for (const f of ['login', 'password'] as const) {
      const msg = fieldError(loginBody.shape[f], v[f], locale);
      if (msg) found[f] = msg;
    }
    return found;
  };

  const change = (field: Field, value: string) => {
    void loadSchemas();
    const v = { ...values, [field]: value };
    setValues(v);
    // A field showing an error is checked again as it is corrected.
    if (errors[field]) void check(v).then((found) => setErrors((e) => ({ ...e, [field]: found[field] })));
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (login.isPending) return;
    setError(null);
    let found: Partial<Record<Field, string>>;
    try {
      found = await check(values);
    } catch {
      found = {}; // the schema could not load (offline): the server checks anyway
    }
    setErrors(found);
    if (found.login || found.password) {
      document.getElementById(found.login ? 'login_login' : 'login_password')?.focus();
      return;
    }
    login.mutate(
      { login: values.login.trim(), password: values.password },
      {
        onSuccess: (user) => {
          // A language chosen on this device wins; otherwise take the one saved with the account.
          if (user.locale !== locale) {
            if (hasSavedLocale()) saveLocale.mutate(locale);
            else setLocale(user.locale);
          }
          navigate(next, { replace: true });
        },
        onError: (err) => setError(isApiError(err) ? err.message : t('login.failed')),
      },
    );
  };

  const field = (
    name: Field,
    label: string,
    input: React.ReactNode,
    icon: React.ReactNode,
    extra?: React.ReactNode,
  ) => (
    <div className="ty-field">
      <label className="ty-field-label" htmlFor={`login_${name}`}>
        {label}
      </label>
      <div className={`ty-field-box${errors[name] ? ' is-invalid' : ''}`}>
        {icon}
        {input}
        {extra}
      </div>
      {errors[name] && (
        <div className="ty-field-error" id={`login_${name}_help`} role="alert">
          {errors[name]}
        </div>
      )}
    </div>
  );

  const inputProps = (name: Field) => ({
    id: `login_${name}`,
    name,
    value: values[name],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => change(name, e.target.value),
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? `login_${name}_help` : undefined,
  });

  return (
    <div className="ty-login-bg ty-light">
      <div className="ty-login-lang">
        <LanguageSwitch />
      </div>
      <main className="ty-login-wrap">
        <div className="ty-login-brand">
          <Logo />
        </div>
        <section className="ty-login-card">
          <h1 className="ty-login-title">{t('login.title')}</h1>
          <form name="login" noValidate onSubmit={(e) => void onSubmit(e)}>
            {field(
              'login',
              t('login.login'),
              <input
                {...inputProps('login')}
                placeholder={t('login.loginPlaceholder')}
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                autoFocus
              />,
              <UserIcon />,
            )}
            {field(
              'password',
              t('login.password'),
              <input
                {...inputProps('password')}
                type={showPassword ? 'text' : 'password'}
                placeholder={t('login.passwordPlaceholder')}
                autoComplete="current-password"
              />,
              <LockIcon />,
              <button
                type="button"
                className="ty-field-toggle"
                aria-label={showPassword ? t('login.hidePassword') : t('login.showPassword')}
                aria-pressed={showPassword}
                onClick={() => setShowPassword((s) => !s)}
              >
                <EyeIcon off={!showPassword} />
              </button>,
            )}
            {error && (
              <div className="ty-login-error" data-testid="login-error">
                <Alert>{error}</Alert>
              </div>
            )}
            <Button type="submit" primary size="large" block loading={login.isPending}>
              {t('login.submit')}
            </Button>
          </form>
          <p className="ty-login-notice">{t('login.notice')}</p>
        </section>
        <div className="ty-login-footer">{t('app.footer')}</div>
      </main>
    </div>
  );
}
