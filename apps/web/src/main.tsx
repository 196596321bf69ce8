import { render } from 'solid-js/web';
import { AppRoutes } from './routes/app-routes.tsx';
import './ui/styles.css';
import './ui/content.css';

render(() => <AppRoutes />, document.getElementById('root')!);
